package org.storybot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IntentTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "hi",
        "Hi!",
        "hello there",
        "thanks!",
        "Thank you so much",
        "ok",
        "OK 👍",
        "cool",
        "good morning",
        "how are you?",
        "who are you",
        "who r u",
        "huh?",
        "what?",
        "I don't understand",
        "wat can u do?",
        "bye",
        "👍",
        "thx"
      })
  void smallTalkIsRecognised(String message) {
    assertThat(Intent.of(message)).isEqualTo(Intent.SMALL_TALK);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "What is this story about?",
        "what happened?",
        "summarise",
        "Summarize the story",
        "tell me more",
        "What's new?",
        "what’s the latest",
        "any updates?",
        "tell me everything",
        "Latest developments",
        "what are the latest updates?",
        "give me a summary",
        "tl;dr",
        "give me the gist",
        "explain the story",
        "Recap please",
        "the key points?",
        "bring me up to speed"
      })
  void summaryRequestsAreRecognised(String message) {
    assertThat(Intent.of(message)).isEqualTo(Intent.SUMMARY);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "source?",
        "Sources please",
        "link please",
        "what are your sources?",
        "Which articles do you have?",
        "where is this from?",
        "what is the source of this story?",
        "What are the sources for your answers?"
      })
  void requestsForTheSourcesAreRecognised(String message) {
    assertThat(Intent.of(message)).isEqualTo(Intent.SOURCES);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "What are the sources of Iran's drones?",
        "Which article says Biden called Netanyahu?",
        "Where did the drones come from?"
      })
  void questionsAboutSourcesInTheStoryAreQuestions(String message) {
    assertThat(Intent.of(message)).isEqualTo(Intent.QUESTION);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Кто такой Кирби?", "ما هو الحرس الثوري؟", "基尔比是谁？"})
  void aMessageInAnotherScriptIsNotSearched(String message) {
    assertThat(Intent.of(message)).isEqualTo(Intent.OTHER_LANGUAGE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "¿Qué dijo Biden?",
        "Que dijo Kirby",
        "Qu'a dit Biden ?",
        "Pourquoi l'Iran a-t-il attaqué Israël ?",
        "Was hat Biden gesagt?",
        "Wer ist Kirby?",
        "Cosa ha detto Biden?",
        "O que disse Biden?"
      })
  void aQuestionInAnotherLatinScriptLanguageIsNotSearched(String message) {
    assertThat(Intent.of(message)).isEqualTo(Intent.OTHER_LANGUAGE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Who is Jean de la Fontaine?",
        "Was the attack on Sunday?",
        "What did Kirby say about the IRGC's attack?",
        "Is it true that Iran said 'la guerra es mala'?",
        "Who is Des O'Connor?"
      })
  void anEnglishQuestionWithForeignWordsIsAQuestion(String message) {
    assertThat(Intent.of(message)).isEqualTo(Intent.QUESTION);
  }

  @Test
  void noQuestionOfTheDevSetsIsTakenForAnotherLanguage() {
    for (var file : List.of(DevSet.FILE, DevSet.NEWS)) {
      assertThat(DevSet.load(file))
          .extracting(DevSet.Question::text)
          .allSatisfy(q -> assertThat(Intent.of(q)).isNotEqualTo(Intent.OTHER_LANGUAGE));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://example.com/news/1",
        "  www.bbc.co.uk/news/world ",
        "https://a.example/1 https://b.example/2",
        "<https://example.com>",
        "https://example.com?"
      })
  void aLinkSentAloneIsNoQuestion(String message) {
    assertThat(Intent.of(message)).isEqualTo(Intent.LINK);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "what does https://example.com/news/1 say?",
        "https://example.com/news/1 is this true?",
        "http"
      })
  void aQuestionWithALinkInItIsAQuestion(String message) {
    assertThat(Intent.of(message)).isEqualTo(Intent.QUESTION);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Who is Kirby? 🤔", "What did the IRGC (الحرس الثوري) warn?", "Café?"})
  void aMessageMostlyInLatinLettersIsNot(String message) {
    assertThat(Intent.of(message)).isNotEqualTo(Intent.OTHER_LANGUAGE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "tell me more",
        "Tell me more!",
        "more please",
        "Go on.",
        "what else?",
        "wat else?",
        "and?",
        "what about it?"
      })
  void requestsForMoreAreRecognisedAndAreSummariesWithNothingBefore(String message) {
    assertThat(Intent.asksForMore(message)).isTrue();
    assertThat(Intent.of(message)).isEqualTo(Intent.SUMMARY);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"What else did Biden say?", "tell me more about Austin", "more drones?", "what"})
  void questionsThatStartLikeMoreAreNotRequestsForMore(String message) {
    assertThat(Intent.asksForMore(message)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Write a haiku about autumn",
        "write me a cover letter",
        "Can you recommend a good book?",
        "could you please suggest a restaurant in Rome",
        "please translate good night into German",
        "Tell me a joke",
        "calculate 17 times 23",
        "How do you say thank you in Japanese?",
        "how can i fix my wifi",
        "what time is it?",
        "What's the weather in Tehran?"
      })
  void tasksTheBotDoesNotDoAreRecognised(String message) {
    assertThat(Intent.of(message)).isEqualTo(Intent.TASK);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "write a summary of the news",
        "Can you suggest what the articles say about Iran?",
        "What did Biden suggest?",
        "can you tell me what Kirby said?",
        "Who wrote the report?",
        "Did Iran order the strike?",
        "How did Biden say the US would respond?",
        "What time did the attack begin?",
        "What is the weather type of Mallee and upper Wimmera?", // SQuAD's, about its article
        "What is the time period of this statistic?",
        "How do you pronounce Fresno?"
      })
  void requestsAboutTheStoryAreNotTasks(String message) {
    assertThat(Intent.of(message)).isNotEqualTo(Intent.TASK);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "who is kirby?", "what did iran do?", "Is the US looking for a war with Iran?",
        "thanks, and what did Biden say?", "hi, who is Austin?", "What happened to the consulate?",
        "ok so why did Iran attack?"
      })
  void questionsAreQuestions(String message) {
    assertThat(Intent.of(message)).isEqualTo(Intent.QUESTION);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "what did kirby say | what did kirby say?",
        "Is the US looking for a war with Iran? | Is the US looking for a war with Iran?",
        "Did Biden call Netanyahu. | Did Biden call Netanyahu?",
        "who’s john kirby  | who’s john kirby?",
        "Kirby Meet the Press | Kirby Meet the Press",
        "Tell me about the G7 | Tell me about the G7",
        "whatever happened | whatever happened",
        "hey, what did kirby say | What did kirby say?",
        "Hi! Can you tell me who John Kirby is? | Who John Kirby is?",
        "ok so could you please tell me why Iran attacked Israel | Why Iran attacked Israel?",
        "Do you know when the G7 meets? | When the G7 meets?",
        "I’d like to know how many drones were shot down | How many drones were shot down?",
        "tell me about the G7 | tell me about the G7",
        "Well-known sources say what? | Well-known sources say what?",
        "So? | So?",
        "WHO IS JOHN KIRBY | who is john kirby?",
        "wat did kirby say | what did kirby say?",
        "Whats the G7 | What's the G7?"
      })
  void aQuestionIsReadWithItsQuestionMark(String message, String asked) {
    assertThat(Intent.asked(message)).isEqualTo(asked);
  }

  @Test
  void aQuestionWithElseAsksPastWhatWasCited() {
    assertThat(Intent.asksForElse("What else did he say?")).isTrue();
    assertThat(Intent.asksForElse("who else was on the call")).isTrue();
    assertThat(Intent.asksForElse("and anything else about Kirby?")).isTrue();
    assertThat(Intent.asksForElse("what else?")).as("asks for more").isFalse();
    assertThat(Intent.asksForElse("What did Kirby say?")).isFalse();
    assertThat(Intent.asksForElse("Is there something else?")).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "wat did kirby say abt iran | what did kirby say about iran",
        "Wht did u say | What did you say",
        "who r u | who are you",
        "wat r the facts pls | what are the facts please",
        "why didnt the US join? | why didn't the US join?",
        "whos gallant and wheres he from | who's gallant and where's he from",
        "did the U.S. help? | did the U.S. help?", // a capital U is no "you"
        "what happened in Ur | what happened in Ur", // a name
        "is it R&B or rap | is it R&B or rap",
        "what is cant | what is can't" // rare as a word, often typed for "can't"
      })
  void chatSpellingsOfTheSmallWordsAreSpeltOut(String message, String spelt) {
    assertThat(Intent.spelt(message)).isEqualTo(spelt);
  }
}
