package org.storybot.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.storybot.answer.Answer;
import org.storybot.answer.Citation;

/**
 * Fuzzes the Telegram HTML of answers: every message within {@link Html#LIMIT}, valid for Telegram
 * ({@link TelegramHtml}) and parsed by jsoup without a single error.
 *
 * <p>An input is UTF-8 lines: the answer text, then one citation per line as {@code sentence |
 * title | url | published}. A first line starting {@code xN } repeats the answer text and every
 * citation field N times (up to 300), so that short inputs make answers that need several messages.
 * Seeds are in {@code HtmlFuzzTestInputs/rendersAnyAnswer}.
 */
class HtmlFuzzTest {
  private static final Pattern REPEAT = Pattern.compile("^x(\\d{1,3}) ");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\t\\n\\f\\r]]");

  /** The attributes Telegram accepts on each tag that Html writes. */
  private static final Map<String, Set<String>> ATTRIBUTES =
      Map.of("a", Set.of("href"), "blockquote", Set.of("expandable"));

  @FuzzTest(maxDuration = "5m")
  void rendersAnyAnswer(byte[] input) {
    Answer answer = answer(new String(input, StandardCharsets.UTF_8));

    List<String> parts = Html.answer(answer);

    String visible = CONTROL.matcher(answer.text()).replaceAll("");
    if (!visible.isBlank() || !answer.citations().isEmpty()) assertThat(parts).isNotEmpty();
    for (String part : parts) {
      assertThat(part.length()).isLessThanOrEqualTo(Html.LIMIT);
      TelegramHtml.check(part);
      assertParsesCleanly(part);
      Html.plain(part);
    }
    assertThat(Html.plain(Html.escape(answer.text()))).isEqualTo(visible);
  }

  /** jsoup reads the part without errors, and finds only Telegram's tags and attributes. */
  private static void assertParsesCleanly(String part) {
    Parser parser = Parser.htmlParser().setTrackErrors(10);
    Document doc = parser.parseInput("<!doctype html><body>" + part, "");
    assertThat(parser.getErrors()).as("jsoup errors in: %s", part).isEmpty();
    for (Element e : doc.body().select("*")) {
      if (e == doc.body()) continue;
      assertThat(TelegramHtml.TAGS).as("tag in: %s", part).contains(e.tagName());
      for (Attribute a : e.attributes()) {
        assertThat(ATTRIBUTES.getOrDefault(e.tagName(), Set.of()))
            .as("attribute of <%s> in: %s", e.tagName(), part)
            .contains(a.getKey());
      }
    }
  }

  private static Answer answer(String input) {
    String[] lines = input.split("\n", -1);
    int times = 1;
    String text = lines[0];
    Matcher m = REPEAT.matcher(text);
    if (m.find()) {
      times = Math.min(300, Integer.parseInt(m.group(1)));
      text = text.substring(m.end());
    }
    List<Citation> citations = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].split(" \\| ", -1);
      citations.add(
          new Citation(
              citations.size() + 1,
              "a" + i,
              f.length > 1 ? f[1].repeat(times) : "Title",
              f.length > 2 ? f[2].repeat(times) : null,
              f.length > 3 ? f[3].repeat(times) : null,
              f[0].repeat(times),
              i));
    }
    return new Answer("q", text.repeat(times), citations, false);
  }
}
