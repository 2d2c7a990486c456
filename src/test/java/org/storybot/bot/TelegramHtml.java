package org.storybot.bot;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks text against Telegram's HTML parse mode: only its tags, balanced, entities escaped. */
public final class TelegramHtml {
  static final Set<String> TAGS =
      Set.of(
          "b",
          "strong",
          "i",
          "em",
          "u",
          "ins",
          "s",
          "strike",
          "del",
          "a",
          "code",
          "pre",
          "blockquote",
          "tg-spoiler",
          "span",
          "tg-emoji");
  private static final Pattern TOKEN =
      Pattern.compile("<(/?)([a-z-]+)([^<>]*)>|&(lt|gt|amp|quot|#\\d+|#x[0-9a-fA-F]+);|[<>&]");

  private TelegramHtml() {}

  /** Throws AssertionError naming the problem when {@code html} is not valid Telegram HTML. */
  public static String check(String html) {
    if (html.length() > 4096) throw new AssertionError("longer than 4096: " + html.length());
    Deque<String> open = new ArrayDeque<>();
    Matcher m = TOKEN.matcher(html);
    while (m.find()) {
      if (m.group(2) != null) {
        String tag = m.group(2);
        if (!TAGS.contains(tag))
          throw new AssertionError("tag <" + tag + "> not allowed in: " + html);
        if (m.group(1).isEmpty()) open.push(tag);
        else if (open.isEmpty() || !open.pop().equals(tag))
          throw new AssertionError("unbalanced </" + tag + "> in: " + html);
      } else if (m.group(4) == null) {
        throw new AssertionError("unescaped '" + m.group() + "' at " + m.start() + " in: " + html);
      }
    }
    if (!open.isEmpty()) throw new AssertionError("unclosed <" + open.peek() + "> in: " + html);
    return html;
  }
}
