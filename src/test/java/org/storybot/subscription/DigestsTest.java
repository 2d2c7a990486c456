package org.storybot.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.storybot.article.Article;
import org.storybot.article.Articles;
import org.storybot.article.Sentence;
import org.storybot.index.SharedEmbedder;
import org.storybot.index.StoryIndex;

class DigestsTest {
  static final Path FOLLOW_UP =
      Path.of("src/test/resources/subscription/001-israel-weighs-response.md");
  static StoryIndex index;
  static Article followUp;

  @BeforeAll
  static void seedIndex() {
    index = StoryIndex.inMemory(SharedEmbedder.get(), Clock.systemUTC());
    index.sync(Articles.readAll(Path.of("index/articles")).articles());
    followUp = Articles.read(FOLLOW_UP);
    index.add(followUp); // ingest indexes the article before notifying
  }

  @AfterAll
  static void close() {
    index.close();
  }

  @Test
  void picksTheEarliestNewSentencesAndSkipsRepeatedFacts() {
    var facts = new Digests(index).newFacts(followUp).stream().map(Sentence::ordinal).toList();
    // 0 (Kirby: no more escalation) and 3 (no offensive operations) repeat the seed article.
    assertThat(facts).containsExactly(1, 2, 4);
  }

  @Test
  void rendersALinkedHeadlineAndCitedEscapedSentences() {
    String html = new Digests(index).of(followUp);
    assertThat(html)
        .startsWith(
            "<b><a href=\"https://news.example.com/2024/04/15/israel-war-cabinet-weighs-response"
                + "?ref=a&amp;b=&lt;c&gt;\">Israel's war cabinet weighs response to Iran as US"
                + " urges restraint</a></b>\n\n")
        .contains("Israel's war cabinet met for a second time on Monday")
        .contains("without reaching a decision, according to Israeli media. [1]")
        .contains("territory &quot;will be met with a response.&quot; [2]")
        .contains("joint statement &amp; said they stood ready")
        .contains("destabilising initiatives. [3]")
        .contains(
            "<i>[1] sentence 2, [2] sentence 3, [3] sentence 5 of this article (Fixture Wire, 2024-04-15)</i>")
        .doesNotContain("John Kirby")
        .doesNotContain("offensive operations")
        .doesNotContain("Oil prices"); // a fourth new fact: at most three are sent
  }

  @Test
  void saysSoWhenNothingIsNew() {
    Article copy =
        Articles.of(
            "copy",
            "Kirby: <no> wider war",
            "Wire",
            "javascript:alert(1)",
            null,
            "White House spokesperson John Kirby revealed that the United States does not want to"
                + " see more escalations in the Middle East, following the events of Iran's"
                + " retaliatory operation against \"Israel\" on Sunday.");
    assertThat(new Digests(index).of(copy))
        .isEqualTo(
            "<b>Kirby: &lt;no&gt; wider war</b>\n\n"
                + "No new facts: this article repeats what earlier reports said.");
  }

  @Test
  void aWrittenDigestLeadsAndQuotesTheSentencesItCites() {
    List<Sentence> facts = new Digests(index).newFacts(followUp);
    DigestWriter writer =
        (article, given) -> {
          assertThat(given).isEqualTo(facts);
          return Optional.of(
              new DigestWriter.Written(
                  "The G7 stands ready & waits [1]; the cabinet <still> has not decided [2].",
                  List.of(given.get(2), given.get(0))));
        };
    String html = new Digests(index, writer).of(followUp);
    assertThat(html)
        .contains("urges restraint</a></b>\n\n")
        .contains(
            "The G7 stands ready &amp; waits [1]; the cabinet &lt;still&gt; has not decided [2].")
        .contains("\n[1] “" + Digests.escape(facts.get(2).text()) + "” <i>sentence 5</i>")
        .contains("\n[2] “" + Digests.escape(facts.get(0).text()) + "” <i>sentence 2</i>")
        .endsWith("<i>Fixture Wire, 2024-04-15</i>")
        .doesNotContain("Oil prices");
  }

  @Test
  void proseThatCitesNoNewSentenceProperlyIsNotSent() {
    String verbatim = new Digests(index).of(followUp);
    List<Sentence> facts = new Digests(index).newFacts(followUp);
    Sentence old = followUp.sentences().getFirst(); // repeats the seed article: not a new fact
    for (DigestWriter.Written bad :
        List.of(
            new DigestWriter.Written("Something [3].", List.of(facts.get(0), facts.get(1))),
            new DigestWriter.Written("No markers at all.", List.of(facts.get(0))),
            new DigestWriter.Written("Old news [1].", List.of(old)))) {
      assertThat(new Digests(index, (a, f) -> Optional.of(bad)).of(followUp))
          .as(bad.text())
          .isEqualTo(verbatim);
    }
    assertThat(new Digests(index, DigestWriter.VERBATIM).of(followUp)).isEqualTo(verbatim);
  }
}
