package org.storybot.subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.storybot.article.Article;
import org.storybot.article.Sentence;
import org.storybot.index.Hit;
import org.storybot.index.StoryIndex;

/**
 * Writes the notification for a new article, in Telegram HTML: the headline linked to the article,
 * then up to three of its sentences that add something to what the index already held, each
 * verbatim and cited.
 *
 * <p>With a {@link DigestWriter} (an LLM), its prose comes first and the sentences it cites follow
 * as quoted sources; prose whose markers do not point at the new sentences is not sent, the
 * sentences are, verbatim.
 *
 * <p>A sentence is "already known" when the best match in another article is a near-duplicate (very
 * similar embedding, or similar embedding with most of its term weight found). Among the new
 * sentences the earliest win, as news puts the important facts first. Thread-safe.
 */
final class Digests {
  static final int MAX_SENTENCES = 3;

  /** Only the first sentences are weighed: the lead carries the news, and each costs a search. */
  static final int SCAN = 15;

  static final int MIN_WORDS = 6;
  static final int MAX_SENTENCE_CHARS = 600;
  static final float DUPLICATE_SIMILARITY = 0.85f;
  static final float SIMILAR = 0.75f;
  static final float DUPLICATE_COVERAGE = 0.7f;

  /** Telegram's limit on one message's length. */
  static final int MAX_MESSAGE_CHARS = 4096;

  private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,3})]");

  private final StoryIndex index;
  private final DigestWriter writer;

  Digests(StoryIndex index, DigestWriter writer) {
    this.index = index;
    this.writer = writer;
  }

  Digests(StoryIndex index) {
    this(index, DigestWriter.VERBATIM);
  }

  /** The notification for {@code article}, which may or may not be in the index yet. */
  String of(Article article) {
    List<Sentence> facts = newFacts(article);
    if (!facts.isEmpty()) {
      Optional<DigestWriter.Written> written = writer.write(article, facts);
      if (written.isPresent() && valid(written.get(), facts)) {
        String html = render(article, written.get());
        if (html.length() <= MAX_MESSAGE_CHARS) return html;
      }
    }
    return render(article, facts);
  }

  /** Every marker points at a source, every source is one of the facts, and some are cited. */
  static boolean valid(DigestWriter.Written w, List<Sentence> facts) {
    if (w.sources().isEmpty() || !facts.containsAll(w.sources())) return false;
    Matcher m = MARKER.matcher(w.text());
    boolean any = false;
    while (m.find()) {
      int n = Integer.parseInt(m.group(1));
      if (n < 1 || n > w.sources().size()) return false;
      any = true;
    }
    return any;
  }

  /** The prose, then each cited sentence quoted with its place in the article. */
  static String render(Article article, DigestWriter.Written w) {
    StringBuilder sb = headline(article);
    sb.append(escape(w.text().strip())).append("\n");
    for (int i = 0; i < w.sources().size(); i++) {
      Sentence s = w.sources().get(i);
      sb.append("\n[").append(i + 1).append("] “").append(escape(s.text().strip()));
      sb.append("” <i>sentence ").append(s.ordinal() + 1).append("</i>");
    }
    String from = source(article);
    if (!from.isEmpty()) sb.append("\n\n<i>").append(escape(from)).append("</i>");
    return sb.toString();
  }

  /**
   * Up to {@link #MAX_SENTENCES} sentences that other articles in the index do not already hold.
   */
  List<Sentence> newFacts(Article article) {
    List<Sentence> out = new ArrayList<>();
    for (Sentence s : article.sentences()) {
      if (out.size() == MAX_SENTENCES || s.ordinal() >= SCAN) break;
      if (words(s.text()) < MIN_WORDS || s.text().length() > MAX_SENTENCE_CHARS) continue;
      if (!known(article, s)) out.add(s);
    }
    return out;
  }

  /** True when another article already holds a near-duplicate of {@code s}. */
  private boolean known(Article article, Sentence s) {
    // The article's own sentences (if indexed) take some of the places: ask for a few more.
    for (Hit h : index.search(s.text(), 8)) {
      if (h.sentence().articleId().equals(article.id())) continue;
      if (h.similarity() >= DUPLICATE_SIMILARITY) return true;
      if (h.similarity() >= SIMILAR && h.coverage() >= DUPLICATE_COVERAGE) return true;
    }
    return false;
  }

  static String render(Article article, List<Sentence> facts) {
    List<Sentence> chosen = new ArrayList<>(facts);
    String html = format(article, chosen);
    while (html.length() > MAX_MESSAGE_CHARS && !chosen.isEmpty()) {
      chosen.removeLast();
      html = format(article, chosen);
    }
    return html;
  }

  private static StringBuilder headline(Article article) {
    StringBuilder sb = new StringBuilder("<b>");
    String url = article.url();
    boolean link = url != null && url.toLowerCase(Locale.ROOT).matches("https?://\\S+");
    if (link) sb.append("<a href=\"").append(escape(url)).append("\">");
    sb.append(escape(article.title()));
    if (link) sb.append("</a>");
    return sb.append("</b>\n\n");
  }

  private static String format(Article article, List<Sentence> facts) {
    StringBuilder sb = headline(article);
    if (facts.isEmpty()) {
      return sb.append("No new facts: this article repeats what earlier reports said.").toString();
    }
    List<String> cites = new ArrayList<>();
    for (int i = 0; i < facts.size(); i++) {
      Sentence s = facts.get(i);
      sb.append(escape(s.text().strip())).append(" [").append(i + 1).append("]\n");
      cites.add("[" + (i + 1) + "] sentence " + (s.ordinal() + 1));
    }
    sb.append("\n<i>").append(String.join(", ", cites)).append(" of this article");
    String from = source(article);
    if (!from.isEmpty()) sb.append(" (").append(escape(from)).append(')');
    return sb.append("</i>").toString();
  }

  private static String source(Article a) {
    if (a.source() != null && a.published() != null) return a.source() + ", " + a.published();
    return a.source() != null ? a.source() : a.published() != null ? a.published() : "";
  }

  /** Escapes text for Telegram's HTML parse mode (which knows only these four entities). */
  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static int words(String text) {
    String t = text.strip();
    return t.isEmpty() ? 0 : t.split("\\s+").length;
  }
}
