package org.storybot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FollowUpsTest {
  @Test
  void namesAreCapitalisedRunsWithoutQuestionWords() {
    assertThat(FollowUps.names("What did Lloyd Austin tell Yoav Gallant about the IRGC's threat?"))
        .containsExactly("Lloyd Austin", "Yoav Gallant", "IRGC");
  }

  @Test
  void shortOrPronounQuestionsAreFollowUps() {
    assertThat(FollowUps.looksLikeFollowUp("and Austin?")).isTrue();
    assertThat(FollowUps.looksLikeFollowUp("What did he say after that call with the press?"))
        .isTrue();
    assertThat(FollowUps.looksLikeFollowUp("Is the US looking for a wider war with Iran?"))
        .isFalse();
  }

  @Test
  void aShortQuestionThatSaysWhomItAsksAboutIsNotAFollowUp() {
    assertThat(
            FollowUps.standalone(
                "who is kirby and what did he say?", after("Who is Austin?", AUSTIN)))
        .as("its pronoun is its own")
        .isEqualTo("who is kirby and what did he say?");
    assertThat(FollowUps.standalone("who is austin?", after("What is the G7?", KIRBY)))
        .isEqualTo("who is austin?");
    assertThat(FollowUps.standalone("what did kirby say?", after("What did Austin ask?", AUSTIN)))
        .isEqualTo("what did kirby say?");
    assertThat(FollowUps.standalone("When did Iran attack?", after("Who is Kirby?", KIRBY)))
        .isEqualTo("When did Iran attack?");
    assertThat(FollowUps.standalone("what did iran do?", after("Who is Kirby?", KIRBY)))
        .isEqualTo("what did iran do?");
    assertThat(FollowUps.standalone("what happened on sunday?", after("Who is Kirby?", KIRBY)))
        .isEqualTo("what happened on sunday?");
    // Short and naming nobody, or naming someone by a pronoun: they lean on the question before.
    assertThat(FollowUps.standalone("when?", after("What did Austin ask Gallant?", AUSTIN)))
        .isEqualTo("When did Austin ask Gallant?");
    assertThat(FollowUps.standalone("why?", after("what did iran do?", KIRBY)))
        .isEqualTo("Why did iran do it?");
    assertThat(FollowUps.standalone("why?", after("When was the consulate attacked?", KIRBY)))
        .isEqualTo("Why was the consulate attacked?");
    assertThat(FollowUps.standalone("and when?", after("Who is Kirby?", KIRBY)))
        .as("no verb to ask again")
        .isEqualTo("and when? (Kirby)");
    assertThat(FollowUps.standalone("who is he?", after("What did Kirby say?", KIRBY)))
        .isEqualTo("who is Kirby?");
  }

  @Test
  void afterAMessageAskingSeveralThingsAFollowUpLeansOnTheLastOfThem() {
    List<Conversations.Turn> two = after("Who is Kirby? What did Biden promise Israel?", KIRBY);
    assertThat(FollowUps.standalone("what did he say?", two))
        .contains("Biden")
        .doesNotContain("Kirby");
    assertThat(FollowUps.standalone("why?", two)).isEqualTo("Why did Biden promise Israel?");
    assertThat(
            FollowUps.standalone(
                "what did they say?", after("Who are Kirby and Austin?", KIRBY, AUSTIN)))
        .as("one question about two people")
        .contains("Kirby", "Austin");
  }

  static List<Conversations.Turn> after(String question, String... cited) {
    List<Citation> citations = new ArrayList<>();
    for (String sentence : cited) {
      citations.add(new Citation(citations.size() + 1, "a1", "Title", null, null, sentence, 0));
    }
    String text = cited.length == 0 ? "The articles I have don't say." : String.join(" ", cited);
    return List.of(
        new Conversations.Turn(question, new Answer(question, text, citations, cited.length == 0)));
  }

  @Test
  void aPersonalPronounIsReplacedByTheOneNameCarried() {
    assertThat(FollowUps.standalone("what did he say?", after("Who is Kirby?", KIRBY)))
        .isEqualTo("what did Kirby say?");
    assertThat(FollowUps.standalone("What was his job?", after("Who is John Kirby?", KIRBY)))
        .isEqualTo("What was John Kirby's job?");
  }

  @Test
  void aNameTypedInLowerCaseIsFoundInTheAnswer() {
    assertThat(FollowUps.standalone("what did he say?", after("who is john kirby?", KIRBY)))
        .isEqualTo("what did John Kirby say?");
    // Abstained: nothing tells a name from a word.
    assertThat(FollowUps.standalone("what did he say?", after("who is john kirby?")))
        .isEqualTo("what did he say?");
  }

  @Test
  void otherwiseTheNamesGoAfterTheQuestion() {
    assertThat(
            FollowUps.standalone(
                "and what did he ask him?", after("What did Austin tell Gallant?", AUSTIN)))
        .isEqualTo("and what did he ask him? (Austin, Gallant)");
    assertThat(FollowUps.standalone("and then?", after("Who is Kirby?", KIRBY)))
        .isEqualTo("and then? (Kirby)");
    assertThat(FollowUps.standalone("Is the US looking for a wider war?", after("Who is Kirby?")))
        .isEqualTo("Is the US looking for a wider war?"); // not a follow-up
  }

  @Test
  void aCorrectionSayingWhatThePreviousQuestionWasAboutIsAskedWithIt() {
    assertThat(FollowUps.standalone("I mean about the war", after("what did kirby say?", KIRBY)))
        .isEqualTo("what did kirby say about the war?");
    assertThat(
            FollowUps.standalone(
                "no, about the G7", after("What did Biden tell Netanyahu?", KIRBY)))
        .isEqualTo("What did Biden tell Netanyahu about the G7?");
    assertThat(FollowUps.standalone("sorry, I meant on Sunday.", after("What did Iran do?", KIRBY)))
        .isEqualTo("What did Iran do on Sunday?");
    assertThat(FollowUps.clarified("actually, in which year did it start?", "What did Iran do?"))
        .as("a question of its own")
        .isNull();
    assertThat(FollowUps.clarified("I mean Austin", "Who is Kirby?")).as("no preposition").isNull();
    assertThat(FollowUps.clarified("about the war", "Who is Kirby?"))
        .as("says no correction")
        .isNull();
  }

  @Test
  void andSomeoneElseAsksTheLastQuestionOfThem() {
    assertThat(FollowUps.standalone("and Austin?", after("Who is Kirby?", KIRBY)))
        .isEqualTo("Who is Austin?");
    assertThat(FollowUps.standalone("what about kirby", after("who is gallant?", AUSTIN)))
        .as("a name typed in lower case, found in the answer")
        .isEqualTo("who is kirby?");
    assertThat(FollowUps.standalone("And the G7?", after("What did Austin ask Gallant?", AUSTIN)))
        .as("the first name is the one replaced")
        .isEqualTo("What did the G7 ask Gallant?");
    assertThat(FollowUps.standalone("and what did he ask him?", after("Who is Austin?", AUSTIN)))
        .as("a question of its own")
        .isEqualTo("and what did he ask him? (Austin)");
    assertThat(FollowUps.standalone("and him?", after("Who is Kirby?", KIRBY)))
        .isEqualTo("and Kirby?");
    assertThat(FollowUps.standalone("and who is austin?", after("Who is Kirby?", KIRBY)))
        .as("a question of its own after its 'and'")
        .isEqualTo("who is austin?");
    assertThat(FollowUps.instead("and Austin?", "What happened?", null)).isNull();
  }

  @Test
  void aBareFollowUpThatFindsTheSameSentenceWithoutWhatItAsksSaysNoMore() {
    Answer austin = after("What did Austin ask Gallant?", AUSTIN).getFirst().answer();
    Answer again = after("Why did Austin ask Gallant?", AUSTIN).getFirst().answer();
    assertThat(FollowUps.saysNoMore("why?", again, austin)).contains("why");
    assertThat(FollowUps.saysNoMore("and where?", again, austin)).contains("where");
    assertThat(FollowUps.saysNoMore("how?", again, austin)).as("a manner has no words").isEmpty();
    assertThat(FollowUps.saysNoMore("Why did Austin ask Gallant?", again, austin))
        .as("a question of its own")
        .isEmpty();
    // the same sentence, holding what is asked: a day for "when", a cause for "why"
    Answer kirby = after("What did Kirby say?", KIRBY_SUNDAY).getFirst().answer();
    Answer when = after("When did Kirby say it?", KIRBY_SUNDAY).getFirst().answer();
    assertThat(FollowUps.saysNoMore("when?", when, kirby)).isEmpty();
    assertThat(FollowUps.saysNoMore("why?", when, kirby)).as("following the events").isEmpty();
    // another sentence is something new
    Answer other = after("Why did Austin ask Gallant?", KIRBY).getFirst().answer();
    assertThat(FollowUps.saysNoMore("why?", other, austin)).isEmpty();
    // the previous turn read back from the shared database keeps only its text
    Answer textOnly = new Answer(austin.question(), austin.text(), List.of(), false);
    assertThat(FollowUps.saysNoMore("why?", again, textOnly)).contains("why");
  }

  static final String KIRBY =
      "White House spokesperson John Kirby revealed that the United States does not want to see"
          + " more escalations in the Middle East.";
  static final String KIRBY_SUNDAY =
      "White House spokesperson John Kirby revealed that the United States does not want to see"
          + " more escalations in the Middle East, following the events of Iran's retaliatory"
          + " operation against \"Israel\" on Sunday.";
  static final String AUSTIN =
      "Another official revealed that US Defense Secretary Lloyd Austin asked Israeli Security"
          + " Minister Yoav Gallant in a phone call to notify Washington.";
}
