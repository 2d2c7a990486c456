package org.storybot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {
  /** The story's heading and three of its sentences. */
  static final String TITLE =
      "US not looking for war against Iran, opposes escalations in ME: Kirby";

  static final List<String> STORY =
      List.of(
          "White House spokesperson John Kirby revealed that the United States does not want to see"
              + " more escalations in the Middle East, following the events of Iran's retaliatory"
              + " operation against \"Israel\" on Sunday.",
          "Another official revealed that US Defense Secretary Lloyd Austin asked Israeli Security"
              + " Minister Yoav Gallant in a phone call to notify Washington before any potential"
              + " response to Iran's strikes.",
          "This comes after the IRGC warned the US government that supporting or taking part in"
              + " harming Iran's interests would result in a decisive and regrettable response.");

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "What did Russia say about Iran's attack on Israel? | Russia;Iran;Israel",
        "How much did Meet the Fockers cost? | Meet the Fockers",
        "How many copies has The Game's debut sold? | The Game",
        "Which British monarch appears above the arches? | ''",
        "Tibetan art from which period is in the V&A's collection? | ''",
        "Orange and Riverside are counties. What is the last county? | Riverside",
        "who is kirby? | ''",
        "Did Jordan help Israel? | Jordan;Israel",
        "Did Iran attack? | Iran",
        "Who won the 2022 World Cup? | 2022;World Cup",
        // typed without capitals, or first: a place is a name all the same, an everyday word not
        "what did russia say about iran's attack on israel? | russia;iran;israel",
        "Russia said what? | Russia",
        "what did the white house say? | white house",
        "how many iranian drones did the us shoot down? | ''",
        "is turkey expensive this christmas? | ''",
        "how do you say thanks in japanese? | japanese"
      })
  void aNameIsARunOfCapitalisedWordsThatDoesNotStartASentenceOrDescribe(
      String question, String names) {
    List<String> expected = names.isEmpty() ? List.of() : List.of(names.split(";"));
    assertThat(Names.of(question).stream().map(n -> String.join(" ", n)).toList())
        .isEqualTo(expected);
  }

  @Test
  void aQuestionTypedInLowerCaseNamesWhatTheArticlesOnlyEverCapitalise() {
    List<String> texts =
        List.of(
            "Hollywood stars Kevin Spacey and Kate Bosworth attended the premiere in London.",
            "\"I'm a huge fan,\" said Bosworth, who attended the premiere with Orlando Bloom.");
    assertThat(Names.of("who came to the premiere with bosworth's boyfriend?", texts))
        .containsExactly(List.of("Bosworth"));
    // "premiere" is written in lower case there: a word, not a name
    assertThat(Names.of("who came to the premiere?", texts)).isEmpty();
    // its first word aside, typed with capitals, the question is read as typed
    assertThat(Names.of("Who came to the premiere with bosworth?", texts))
        .containsExactly(List.of("Bosworth"));
    assertThat(Names.of("Who came to the premiere with bosworth or Bloom?", texts))
        .containsExactly(List.of("Bloom"));
    // and the whole question is read so, for the ranker too
    var spelt = Names.spellings("who came to the premiere with bosworth's boyfriend?", texts);
    assertThat(spelt).containsExactly(java.util.Map.entry("bosworth", "Bosworth"));
    assertThat(Names.recased("who came to the premiere with bosworth's boyfriend?", spelt))
        .isEqualTo("who came to the premiere with Bosworth's boyfriend?");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "What did Russia say about Iran's attack on Israel? | Russia",
        "What did John Kirby tell Netanyahu? | Netanyahu",
        "Which Patriot batteries did the US send? | Patriot",
        "Has the UN Security Council met? | UN Security Council",
        "What did Kirby say in 2019? | 2019",
        "what did russia say about iran's attack on israel? | russia"
      })
  void aNameTheArticleNeverUsesIsMissing(String question, String missing) {
    assertThat(Names.missing(question, TITLE, STORY)).hasValue(missing);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Does Washington want a bigger conflict with Tehran?", // Tehran: Iran's capital
        "Is America gearing up to fight Iran?", // America: "American", "US", "United States"
        "What did the Pentagon chief ask of Gallant?", // the Pentagon speaks for the US
        "Did the Iranians attack Israel?", // a form of "Iran"
        "What did General Lloyd Austin ask?", // two of a name's three words are enough
        "Who is the White House spokesperson?",
        "What did the Revolutionary Guards warn?", // the initials of IRGC's words
        "what did kirby say on sunday?", // no capitals, no names
        "does washington want war with tehran?",
        "what did the white house say about the iranians?"
      })
  void aNameTheArticleUsesInAnotherFormIsNotMissing(String question) {
    assertThat(Names.missing(question, TITLE, STORY)).isEmpty();
  }

  @Test
  void anAcronymIsNamedByTheInitialsOfANameTheArticleSpellsOut() {
    List<String> body =
        List.of("The Royal Institute of British Architects keeps its drawings here.");
    assertThat(Names.missing("What does the UMC oppose?", "United Methodist Church", body))
        .isEmpty();
    assertThat(Names.missing("What does the RIBA keep?", "Museum", body)).isEmpty();
    assertThat(Names.missing("What does the NRA keep?", "Museum", body)).hasValue("NRA");
  }

  @Test
  void aCapitalStandsForItsCountry() {
    List<String> body = List.of("Armenian officials said the talks would go on.");
    assertThat(Names.missing("What did Yerevan say?", "Talks resume", body)).isEmpty();
    assertThat(Names.missing("What did Baku say?", "Talks resume", body)).hasValue("Baku");
  }

  @ParameterizedTest
  @CsvSource({"iran,iranian", "britain,british", "israel,israeli", "gallant,gallant"})
  void formsOfOneWordShareAStem(String a, String b) {
    assertThat(Names.forms(a, b)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "kirbi,kirby,true",
    "nethanyahu,netanyahu,true",
    "netanyahoo,netanyahu,true",
    "galalnt,gallant,true",
    "jordan,gordon,false",
    "iran,iraq,false",
    "russia,prussia,false",
    "austin,austria,false",
    "bidenn,biden,true",
    "clinton,clayton,false"
  })
  void aNameWithATypoIsStillTheName(String typed, String word, boolean misspelt) {
    assertThat(Names.misspelt(typed, word)).isEqualTo(misspelt);
  }

  @Test
  void aQuestionWithANameMisspeltIsAboutTheNameTheArticleUses() {
    assertThat(Names.missing("What did Kirbi tell Yoav Gallent?", TITLE, STORY)).isEmpty();
    assertThat(Names.missing("What did Kirbi tell Putin?", TITLE, STORY)).hasValue("Putin");
  }

  @ParameterizedTest
  @CsvSource({"iran,iraq", "austin,australia", "sea,seat", "russia,prussian"})
  void differentWordsAreNotForms(String a, String b) {
    assertThat(Names.forms(a, b)).isFalse();
  }
}
