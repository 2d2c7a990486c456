package org.storybot.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.ArrayList;
import java.util.List;
import net.dankito.readability4j.Readability4J;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Turns an HTML page into a {@link Draft}: the main text by Readability (falling back to the page's
 * paragraphs), title, date, publisher and canonical URL from its metadata (Open Graph, {@code link
 * rel=canonical}, JSON-LD, then plain HTML).
 */
final class Pages {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BLOCKS = "h2, h3, h4, h5, h6, p, li, blockquote, pre";

  private Pages() {}

  static Draft extract(URI pageUri, byte[] html, String charset) {
    Document doc;
    try {
      doc = Jsoup.parse(new ByteArrayInputStream(html), known(charset), pageUri.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JsonNode ld = jsonLdArticle(doc);
    String title =
        first(
            meta(doc, "og:title"),
            text(ld, "headline"),
            meta(doc, "twitter:title"),
            doc.title(),
            doc.selectFirst("h1") == null ? null : doc.selectFirst("h1").text());
    String published =
        first(
            meta(doc, "article:published_time"),
            text(ld, "datePublished"),
            meta(doc, "date"),
            meta(doc, "pubdate"),
            meta(doc, "dc.date"),
            attr(doc.selectFirst("time[datetime]"), "datetime"));
    String source =
        first(
            meta(doc, "og:site_name"),
            ld == null ? null : text(ld.get("publisher"), "name"),
            pageUri.getHost());
    String canonical =
        first(
            attr(doc.selectFirst("link[rel=canonical]"), "abs:href"),
            meta(doc, "og:url"),
            pageUri.toString());
    String body = mainText(doc.clone(), pageUri, title);
    if (body.isBlank()) body = paragraphs(doc.body(), title);
    if (title == null) throw new FetchException("the page has no title");
    if (body.isBlank()) throw new FetchException("no article text found on the page");
    return new Draft(title, source, canonical, published, body);
  }

  /**
   * The server's charset if this JVM has it, else {@code null}: jsoup then goes by the page's BOM
   * or meta tag, as browsers do with "charset=utf" or "charset=none".
   */
  private static String known(String charset) {
    try {
      return charset != null && Charset.isSupported(charset) ? charset : null;
    } catch (IllegalCharsetNameException e) {
      return null;
    }
  }

  private static String mainText(Document doc, URI uri, String title) {
    try {
      Element content = new Readability4J(uri.toString(), doc).parse().getArticleContent();
      return content == null ? "" : paragraphs(content, title);
    } catch (RuntimeException e) {
      return ""; // Readability gave up on this markup: the plain paragraphs serve instead
    }
  }

  /** The text blocks under {@code root} as Markdown-like paragraphs and headings. */
  static String paragraphs(Element root, String title) {
    if (root == null) return "";
    List<String> out = new ArrayList<>();
    for (Element e : root.select(BLOCKS)) {
      // A list item or quote holding paragraphs is read through those paragraphs.
      if (!e.select("p").isEmpty() && !e.tagName().equals("p")) continue;
      if (e.parents().stream().anyMatch(p -> p.tagName().equals("li") || p.tagName().equals("p")))
        continue;
      String text = e.text().strip().replaceAll("^#+\\s*", "");
      if (text.isEmpty() || text.equals(title)) continue;
      out.add(e.tagName().matches("h\\d") ? "## " + text : text);
    }
    return String.join("\n\n", out);
  }

  private static JsonNode jsonLdArticle(Document doc) {
    for (Element script : doc.select("script[type=application/ld+json]")) {
      try {
        JsonNode found = findArticle(JSON.readTree(script.data()));
        if (found != null) return found;
      } catch (IOException e) {
        // Broken JSON-LD is common; the other metadata still counts.
      }
    }
    return null;
  }

  private static JsonNode findArticle(JsonNode node) {
    if (node == null) return null;
    if (node.isArray()) {
      for (JsonNode n : node) {
        JsonNode found = findArticle(n);
        if (found != null) return found;
      }
      return null;
    }
    if (node.has("@graph")) return findArticle(node.get("@graph"));
    JsonNode type = node.get("@type");
    return type != null && type.toString().contains("Article") ? node : null;
  }

  private static String meta(Document doc, String name) {
    Element e = doc.selectFirst("meta[property=" + name + "], meta[name=" + name + "]");
    return e == null ? null : e.attr("content");
  }

  private static String attr(Element e, String name) {
    return e == null ? null : e.attr(name);
  }

  private static String text(JsonNode node, String field) {
    if (node == null || node.get(field) == null || !node.get(field).isValueNode()) return null;
    return node.get(field).asText();
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) return v.strip().replaceAll("\\s+", " ");
    }
    return null;
  }
}
