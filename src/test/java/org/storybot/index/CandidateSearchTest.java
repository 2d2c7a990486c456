package org.storybot.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.storybot.article.Articles;

/** What {@link StoryIndex#retrieve} measures for each candidate. */
class CandidateSearchTest {
  static StoryIndex index;

  @BeforeAll
  static void indexTwoArticles() {
    index = StoryIndex.inMemory(SharedEmbedder.get(), Clock.systemUTC());
    index.sync(
        List.of(
            Articles.of(
                "castle",
                "The old castle",
                "Wire",
                null,
                null,
                "The castle stands on a hill. It was built by the Normans in 1066."
                    + " A fire destroyed the roof in 1200."),
            Articles.of(
                "harbour",
                "The harbour",
                "Wire",
                null,
                null,
                "Fishing boats leave the harbour at dawn. The catch is sold in the market.")));
  }

  @AfterAll
  static void close() {
    index.close();
  }

  @Test
  void measuresLexicalSignalsForEveryCandidate() {
    Retrieved r = index.retrieve("Who built the castle?");
    assertThat(r.terms()).extracting(QueryTerm::stem).containsExactly("who", "built", "castl");
    Candidate built = find(r, "It was built by the Normans in 1066.");
    Candidate boats = find(r, "Fishing boats leave the harbour at dawn.");
    assertThat(built.bm25()).isGreaterThan(0f);
    assertThat(boats.bm25()).isZero();
    assertThat(built.previous()).isEqualTo("The castle stands on a hill.");
    assertThat(built.next()).isEqualTo("A fire destroyed the roof in 1200.");
    assertThat(find(r, "The castle stands on a hill.").previous()).isEmpty();
    assertThat(built.articleSentences()).isEqualTo(3);
    assertThat(built.nearStems()).contains("castl");
    assertThat(built.articleStems()).containsExactlyInAnyOrder("built", "castl");
    assertThat(boats.articleStems()).isEmpty();
    assertThat(built.stems()).containsSubsequence("built", "norman");
  }

  @Test
  void termsKeptByTheTableAreTheAnalysedTextAskAfterAsk() {
    String text = "It was built by the Normans in 1066.";
    List<String> analysed = List.of("built", "norman", "1066");
    assertThat(find(index.retrieve("Who built the castle?"), text).stems()).isEqualTo(analysed);
    Candidate again = find(index.retrieve("When was the castle built?"), text);
    assertThat(again.stems()).isEqualTo(analysed);
    // The context: title, then the sentences before and after, analysed the same way.
    assertThat(again.nearStems())
        .containsExactlyInAnyOrder(
            "old", "castl", "stand", "hill", "fire", "destroi", "roof", "1200");
  }

  @Test
  void ranksComeFromEachList() {
    Retrieved r = index.retrieve("When did the fire destroy the roof?");
    Candidate fire = find(r, "A fire destroyed the roof in 1200.");
    assertThat(fire.sentenceRank()).isZero();
    assertThat(fire.lexicalRank()).isZero();
    assertThat(fire.vectorRank()).isGreaterThanOrEqualTo(0);
    assertThat(fire.similarity()).isGreaterThan(0.3f);
  }

  @Test
  void aQuestionOfUnknownWordsStillGetsNearestNeighbours() {
    Retrieved r = index.retrieve("zzyzx qwertyuiop");
    assertThat(r.terms()).allSatisfy(t -> assertThat(t.known()).isFalse());
    assertThat(r.candidates())
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.sentenceRank()).isEqualTo(-1));
  }

  private static Candidate find(Retrieved r, String text) {
    return r.candidates().stream()
        .filter(c -> c.sentence().text().equals(text))
        .findFirst()
        .orElseThrow(() -> new AssertionError("not retrieved: " + text));
  }
}
