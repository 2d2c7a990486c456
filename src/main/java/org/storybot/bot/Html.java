package org.storybot.bot;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.storybot.answer.Answer;
import org.storybot.answer.Citation;

/**
 * Telegram HTML for answers: everything from users and articles escaped, sources quoted in a
 * blockquote, and long answers split into messages of at most {@link #LIMIT} characters, each valid
 * HTML on its own (never cut inside a tag or an entity).
 */
final class Html {
  /** Telegram's limit on one message's text. */
  static final int LIMIT = 4096;

  /** Source lists longer than this fold into an expandable blockquote. */
  static final int EXPAND_OVER = 400;

  private static final Pattern LINK = Pattern.compile("<a href=\"([^\"]*)\">(.*?)</a>");
  private static final Pattern TAG = Pattern.compile("</?[a-z]+[^>]*>");

  private Html() {}

  /** Control characters other than tab, line feed, form feed and return: HTML text has none. */
  static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\t\\n\\f\\r]]");

  static String escape(String s) {
    return CONTROL
        .matcher(s)
        .replaceAll("")
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  /** The answer as one or more messages. */
  static List<String> answer(Answer a) {
    return answer(a, LIMIT);
  }

  static List<String> answer(Answer a, int limit) {
    List<String> text = new ArrayList<>();
    for (String sentence : a.text().split("(?<=\\])\\s+")) text.add(escape(sentence));
    List<String> sources = new ArrayList<>();
    for (Citation c : a.citations()) sources.add(source(c));
    return pack(text, sources, limit);
  }

  /** One source line: the quoted sentence, the article title linked, the date. */
  static String source(Citation c) {
    StringBuilder sb = new StringBuilder();
    sb.append('[')
        .append(c.n())
        .append("] \u201c")
        .append(escape(c.sentence()))
        .append("\u201d \u2014 ");
    if (c.url() != null && c.url().matches("https?://\\S+")) {
      sb.append("<a href=\"")
          .append(escape(c.url()))
          .append("\">")
          .append(escape(c.title()))
          .append("</a>");
    } else {
      sb.append("<i>").append(escape(c.title())).append("</i>");
    }
    if (c.published() != null) sb.append(", ").append(escape(c.published()));
    return sb.toString();
  }

  /** Packs text units, then source units (in blockquotes), into messages within {@code limit}. */
  static List<String> pack(List<String> text, List<String> sources, int limit) {
    List<String> parts = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String unit : text) {
      for (String piece : cut(unit, limit)) {
        if (!cur.isEmpty() && cur.length() + 1 + piece.length() > limit) {
          parts.add(cur.toString());
          cur.setLength(0);
        }
        if (!cur.isEmpty()) cur.append(' ');
        cur.append(piece);
      }
    }
    if (!sources.isEmpty()) {
      int total = sources.stream().mapToInt(String::length).sum();
      String open = total > EXPAND_OVER ? "<blockquote expandable>" : "<blockquote>";
      String close = "</blockquote>";
      String header = "\n\n<b>Sources</b>\n";
      int room = limit - open.length() - close.length() - header.length();
      List<String> quoted = new ArrayList<>();
      StringBuilder q = new StringBuilder();
      for (String unit : sources) {
        String line = unit.length() > room ? shorten(unit, room) : unit;
        if (!q.isEmpty() && q.length() + 1 + line.length() > room) {
          quoted.add(q.toString());
          q.setLength(0);
        }
        if (!q.isEmpty()) q.append('\n');
        q.append(line);
      }
      quoted.add(q.toString());
      for (int i = 0; i < quoted.size(); i++) {
        String block = (i == 0 ? header : "") + open + quoted.get(i) + close;
        if (cur.length() + block.length() > limit) {
          parts.add(cur.toString());
          cur.setLength(0);
          block = block.stripLeading();
        }
        cur.append(block);
      }
    }
    if (!cur.isEmpty()) parts.add(cur.toString().strip());
    return parts;
  }

  /** Escaped text without tags, cut at spaces (never inside an entity) into pieces within max. */
  static List<String> cut(String escaped, int max) {
    List<String> out = new ArrayList<>();
    String rest = escaped;
    while (rest.length() > max) {
      int at = rest.lastIndexOf(' ', max);
      if (at <= 0) at = max;
      int amp = rest.lastIndexOf('&', at - 1);
      if (amp >= 0 && rest.indexOf(';', amp) >= at) at = amp;
      out.add(rest.substring(0, at).strip());
      rest = rest.substring(at).strip();
    }
    if (!rest.isEmpty()) out.add(rest);
    return out;
  }

  /**
   * A source line too long for a message: its quoted sentence shortened, its link kept; a title or
   * link that takes more than half the room is shortened too, as plain text without the link.
   */
  private static String shorten(String line, int room) {
    int quoteEnd = line.indexOf("\u201d \u2014 ");
    String tail = line.substring(quoteEnd);
    if (tail.length() > room / 2) tail = cut(escape(plain(tail)), room / 2).get(0) + "\u2026";
    String head = cut(line.substring(0, quoteEnd), Math.max(20, room - tail.length() - 1)).get(0);
    return head + "\u2026" + tail;
  }

  /** The same text for a terminal: links as "title (url)", tags dropped, entities decoded. */
  static String plain(String html) {
    Matcher m = LINK.matcher(html);
    String s = m.replaceAll(r -> Matcher.quoteReplacement(r.group(2) + " (" + r.group(1) + ")"));
    s = TAG.matcher(s).replaceAll("");
    return s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
  }
}
