package org.storybot.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.storybot.answer.Answer;
import org.storybot.answer.Citation;

class HtmlTest {
  static Citation citation(int n, String sentence, String url) {
    return new Citation(n, "a" + n, "Title <" + n + "> & co", url, "2024-04-15", sentence, n);
  }

  @Test
  void escapesEverythingFromArticlesAndKeepsTheLink() {
    Citation c = citation(1, "He said \"<script>\" & left.", "https://example.com/a?x=1&y=2");
    Answer a = new Answer("q", "He said \"<script>\" & left. [1]", List.of(c), false);
    String html = TelegramHtml.check(Html.answer(a).getFirst());
    assertThat(html)
        .contains("&lt;script&gt;", "&amp; left", "<a href=\"https://example.com/a?x=1&amp;y=2\">")
        .contains("Title &lt;1&gt; &amp; co", "<b>Sources</b>", "<blockquote>");
  }

  @Test
  void aLinkThatIsNotHttpIsNotALink() {
    Citation c = citation(1, "Fact.", "javascript:alert(1)");
    String html = Html.answer(new Answer("q", "Fact. [1]", List.of(c), false)).getFirst();
    assertThat(html).doesNotContain("href").contains("<i>Title");
  }

  @Test
  void longAnswersSplitIntoValidMessagesWithinTheLimit() {
    List<Citation> cs = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 12; i++) {
      String s = ("Sentence " + i + " says a lot & more <here>. ").repeat(30).strip();
      cs.add(citation(i, s, "https://example.com/" + i));
      text.append(s).append(" [").append(i).append("] ");
    }
    Answer a = new Answer("q", text.toString().strip(), cs, false);
    List<String> parts = Html.answer(a);
    assertThat(parts).hasSizeGreaterThan(2).allSatisfy(TelegramHtml::check);
    String joined = String.join("", parts);
    for (int i = 1; i <= 12; i++) assertThat(joined).contains("[" + i + "] \u201c");
    assertThat(joined).contains("<blockquote expandable>");
  }

  @Test
  void aSourceWhoseTitleAndLinkAreLongerThanAMessageStillFits() {
    Citation c =
        new Citation(
            1,
            "a1",
            "Long & longer title ".repeat(150),
            "https://example.com/?q=" + "x&y".repeat(1500),
            "2024-04-15",
            "Fact & more.",
            0);
    List<String> parts = Html.answer(new Answer("q", "Fact. [1]", List.of(c), false));
    assertThat(parts).allSatisfy(TelegramHtml::check);
    assertThat(String.join("", parts)).contains("[1] \u201cFact &amp; more.", "Long &amp; longer");
  }

  @Test
  void controlCharactersFromArticlesAreDropped() {
    assertThat(Html.escape("a\u0000b\u0007c\u009fd\te\nf")).isEqualTo("abcd\te\nf");
  }

  @Test
  void cuttingNeverSplitsAnEntity() {
    String escaped = Html.escape("a&b ".repeat(50));
    for (String piece : Html.cut(escaped, 37)) {
      assertThat(piece.length()).isLessThanOrEqualTo(37);
      TelegramHtml.check(piece);
    }
  }

  @Test
  void plainTextForTheTerminal() {
    assertThat(Html.plain("<b>x</b> &amp; <a href=\"https://e.com\">T &lt;1&gt;</a>"))
        .isEqualTo("x & T <1> (https://e.com)");
  }
}
