package org.storybot.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SentenceSplitterTest {

  private static final Path SEED_ARTICLE =
      Path.of("index/articles/000-us-not-looking-for-war-with-iran.md");

  /** One case of {@code tricky-sentences.txt}; the format is described at the top of the file. */
  record Case(String name, String paragraph, List<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trickyCases")
  void splitsTrickyParagraphExactly(Case c) {
    List<SentenceSplitter.Span> spans = SentenceSplitter.split(c.paragraph());

    assertThat(texts(c.paragraph(), spans)).containsExactlyElementsOf(c.expected());
    assertWellFormed(c.paragraph(), spans);
  }

  @Test
  void fixtureHoldsAtLeastThirtyCases() {
    assertThat(trickyCases()).hasSizeGreaterThanOrEqualTo(30);
  }

  @Test
  void splitsSeedArticleIntoExpectedSentences() throws IOException {
    List<String> actual = new ArrayList<>();
    for (String paragraph : bodyParagraphs(Files.readString(SEED_ARTICLE))) {
      List<SentenceSplitter.Span> spans = SentenceSplitter.split(paragraph);
      assertWellFormed(paragraph, spans);
      actual.addAll(texts(paragraph, spans));
    }

    List<String> expected = resource("seed-sentences.txt").lines().toList();
    assertThat(expected).hasSize(16);
    assertThat(actual).containsExactlyElementsOf(expected);
  }

  @Test
  void returnsNothingForBlankParagraph() {
    assertThat(SentenceSplitter.split("")).isEmpty();
    assertThat(SentenceSplitter.split(" \t\u00a0 ")).isEmpty();
  }

  @Test
  void spansExcludeSurroundingWhitespaceIncludingNoBreakSpaces() {
    String text = "  Iran fired drones.\u00a0 Most were shot down.\t";

    assertThat(SentenceSplitter.split(text))
        .containsExactly(new SentenceSplitter.Span(2, 20), new SentenceSplitter.Span(22, 42));
  }

  @Test
  void treatsSingleNewlinesAsSpaces() {
    String text = "Gen. Michael\nKurilla visited Israel.\nHe met Gallant.";

    assertThat(texts(text, SentenceSplitter.split(text)))
        .containsExactly("Gen. Michael\nKurilla visited Israel.", "He met Gallant.");
  }

  @Test
  void neverJoinsSentencesAcrossBlankLine() {
    String text = "Read more at the U.S.\n\nDepartment of State website";

    assertThat(texts(text, SentenceSplitter.split(text)))
        .containsExactly("Read more at the U.S.", "Department of State website");
  }

  @Test
  void keepsPunctuationOnlyTextAsOneSpan() {
    assertThat(texts("...", SentenceSplitter.split("..."))).containsExactly("...");
    assertThat(texts("?! !?", SentenceSplitter.split("?! !?"))).containsExactly("?! !?");
  }

  // Large inputs check that the splitter stays correct at scale; its speed is measured in the
  // benchmark (storybot bench), not here: our unit tests carry no timing goals.
  @Test
  void splitsOneHundredThousandSentences() {
    String sentence =
        "Lt. Col. J.R.R. Smith said \"Why?\" at 9 a.m. Jan. 5 and left ... The U.S. Army said so. ";
    String paragraph = sentence.repeat(100_000);

    List<SentenceSplitter.Span> spans = SentenceSplitter.split(paragraph);

    assertThat(spans).hasSize(200_000);
    assertThat(spans.get(199_999).end()).isEqualTo(paragraph.length() - 1);
  }

  @Test
  void splitsDegenerateInput() {
    assertThat(SentenceSplitter.split("\n \n".repeat(500_000))).isEmpty();
    assertThat(SentenceSplitter.split("x".repeat(2_000_000))).hasSize(1);
    assertThat(SentenceSplitter.split("?! ".repeat(1_000_000))).hasSize(1);
    assertThat(SentenceSplitter.split("\"Why?\" Joe Bob Smith Jones ".repeat(200_000)))
        .hasSize(200_001);
  }

  static List<Case> trickyCases() {
    List<Case> cases = new ArrayList<>();
    for (String block : resource("tricky-sentences.txt").split("\\R\\s*\\R")) {
      List<String> lines = block.strip().lines().toList();
      if (lines.stream().allMatch(l -> l.startsWith("#"))) continue;
      boolean wellFormed =
          lines.size() >= 3
              && lines.get(0).startsWith("# ")
              && !lines.get(1).startsWith("#")
              && !lines.get(1).startsWith(">")
              && lines.subList(2, lines.size()).stream().allMatch(l -> l.startsWith("> "));
      if (!wellFormed) throw new IllegalStateException("malformed fixture case:\n" + block);
      List<String> expected =
          lines.subList(2, lines.size()).stream().map(l -> l.substring(2)).toList();
      cases.add(new Case(lines.get(0).substring(2), lines.get(1), expected));
    }
    return cases;
  }

  /** Paragraphs of a Markdown article body: no front matter, headings or "Read more:" lines. */
  private static List<String> bodyParagraphs(String markdown) {
    String body = markdown.split("(?m)^---\\s*$", 3)[2];
    List<String> paragraphs = new ArrayList<>();
    for (String block : body.split("\\R\\s*\\R")) {
      String paragraph = block.strip().replaceAll("\\s*\\R\\s*", " ");
      if (paragraph.isEmpty() || paragraph.startsWith("## ")) continue;
      if (paragraph.startsWith("Read more:")) continue;
      paragraphs.add(paragraph);
    }
    return paragraphs;
  }

  /** Spans are non-empty, trimmed, increasing, non-overlapping and cover all non-space text. */
  private static void assertWellFormed(String text, List<SentenceSplitter.Span> spans) {
    int previousEnd = 0;
    for (SentenceSplitter.Span span : spans) {
      assertThat(span.start()).isGreaterThanOrEqualTo(previousEnd);
      assertThat(span.end()).isLessThanOrEqualTo(text.length());
      String sentence = text.substring(span.start(), span.end());
      assertThat(sentence).isNotEmpty();
      assertThat(isSpace(sentence.charAt(0)) || isSpace(sentence.charAt(sentence.length() - 1)))
          .as("span %s is trimmed", span)
          .isFalse();
      assertThat(text.substring(previousEnd, span.start()).chars().allMatch(c -> isSpace((char) c)))
          .as("only whitespace before %s", span)
          .isTrue();
      previousEnd = span.end();
    }
    assertThat(text.substring(previousEnd).chars().allMatch(c -> isSpace((char) c)))
        .as("only whitespace after the last span")
        .isTrue();
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  private static List<String> texts(String text, List<SentenceSplitter.Span> spans) {
    return spans.stream().map(s -> text.substring(s.start(), s.end())).toList();
  }

  private static String resource(String name) {
    try (InputStream in = SentenceSplitterTest.class.getResourceAsStream("/article/" + name)) {
      if (in == null) throw new IllegalStateException("missing test resource /article/" + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
