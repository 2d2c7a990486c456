package org.storybot.rank;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EditedQuestionsTest {
  private static final List<String> GOLD =
      List.of("In 1520 Martin Luther published three tracts against the pope.");

  @Test
  void swapsAYearTheAnswerSharesForAnotherYearOfTheArticle() {
    Optional<String> edited =
        EditedQuestions.edit(
            "What did Luther publish in 1520?",
            GOLD,
            List.of("He died in 1546 with 3 sons."),
            new Random(1));
    // Luther is a name the answer shares, but the rest of the article has no other one-word name
    // ("He" only starts a sentence); the year is swapped for a year, never for the number 3.
    assertThat(edited).contains("What did Luther publish in 1546?");
  }

  @Test
  void swapsANameForOneOfAsManyWordsAndNeverForOneTheAnswerHolds() {
    for (int seed = 0; seed < 20; seed++) {
      Optional<String> edited =
          EditedQuestions.edit(
              "Which tracts did Martin Luther publish against the pope?",
              GOLD,
              List.of("Later Philip Melanchthon wrote about Luther and Charles V."),
              new Random(seed));
      assertThat(edited).contains("Which tracts did Philip Melanchthon publish against the pope?");
    }
  }

  @Test
  void swapsTheNumberOfANumberedNameAndNeverAPossessive() {
    for (int seed = 0; seed < 20; seed++) {
      Optional<String> edited =
          EditedQuestions.edit(
              "What was Manning's role at Super Bowl 50?",
              List.of("Peyton Manning's role at Super Bowl 50 was his last."),
              List.of("Kevin Harlan called Super Bowl 14 on CBS for Brady's team."),
              new Random(seed));
      assertThat(edited).contains("What was Manning's role at Super Bowl 14?");
    }
  }

  @Test
  void leavesAQuestionAloneWhenNothingItSharesWithTheAnswerHasAReplacement() {
    assertThat(
            EditedQuestions.edit(
                "What did the reformer publish against the pope?",
                GOLD,
                List.of("Philip Melanchthon wrote in 1530."),
                new Random(1)))
        .isEmpty();
    assertThat(
            EditedQuestions.edit(
                "What did Luther publish in 1520?",
                GOLD,
                List.of("It was 1520 when it began."),
                new Random(1)))
        .isEmpty();
  }
}
