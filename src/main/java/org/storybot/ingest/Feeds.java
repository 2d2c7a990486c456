package org.storybot.ingest;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.xml.sax.InputSource;

/** Reads RSS and Atom feeds (Rome) and tells feeds from pages. */
final class Feeds {
  private static final Pattern FEED_ROOT =
      Pattern.compile("<(rss|feed|rdf:RDF)[\\s>]", Pattern.CASE_INSENSITIVE);
  private static final Pattern HTML_ROOT =
      Pattern.compile("<(!doctype html|html|head|body)[\\s>]", Pattern.CASE_INSENSITIVE);

  /** One feed entry: its link, title, date, and the text it carries (may be empty). */
  record Item(String link, String title, String published, String text) {}

  /** What a response holds. */
  enum Kind {
    PAGE,
    FEED,
    OTHER
  }

  private Feeds() {}

  /** Decides by content type, and by the first bytes when the type is vague or XML. */
  static Kind kind(Fetched f) {
    String type = f.mediaType();
    String head =
        new String(f.body(), 0, Math.min(f.body().length, 2048), StandardCharsets.ISO_8859_1);
    boolean feedish = FEED_ROOT.matcher(head).find();
    if (type.contains("rss") || type.contains("atom")) return Kind.FEED;
    if (type.contains("html")) return feedish ? Kind.FEED : Kind.PAGE;
    if (type.isEmpty() || type.contains("xml") || type.equals("text/plain")) {
      if (feedish) return Kind.FEED;
      if (HTML_ROOT.matcher(head).find()) return Kind.PAGE;
    }
    return Kind.OTHER;
  }

  static List<Item> parse(byte[] xml) {
    SyndFeed feed;
    try {
      feed = new SyndFeedInput().build(new InputSource(new ByteArrayInputStream(xml)));
    } catch (FeedException | IllegalArgumentException e) {
      throw new FetchException("malformed feed: " + e.getMessage(), e);
    }
    List<Item> items = new ArrayList<>();
    for (SyndEntry entry : feed.getEntries()) {
      String link = entry.getLink() != null ? entry.getLink() : entry.getUri();
      if (link == null || link.isBlank()) continue;
      Date date =
          entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
      items.add(
          new Item(
              link.strip(),
              entry.getTitle() == null ? null : entry.getTitle().strip(),
              date == null ? null : date.toInstant().toString(),
              text(entry)));
    }
    return items;
  }

  /** The entry's own text: its full content if it has one, else its description. */
  private static String text(SyndEntry entry) {
    List<SyndContent> contents = new ArrayList<>(entry.getContents());
    if (entry.getDescription() != null) contents.add(entry.getDescription());
    for (SyndContent c : contents) {
      if (c.getValue() == null || c.getValue().isBlank()) continue;
      String type = c.getType() == null ? "" : c.getType().toLowerCase(Locale.ROOT);
      String text =
          type.contains("text") && !type.contains("html")
              ? c.getValue().strip()
              : Pages.paragraphs(Jsoup.parseBodyFragment(c.getValue()).body(), null);
      if (text.isBlank()) text = Jsoup.parseBodyFragment(c.getValue()).text();
      if (!text.isBlank()) return text;
    }
    return "";
  }
}
