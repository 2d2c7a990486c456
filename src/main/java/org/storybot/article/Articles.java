package org.storybot.article;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads articles: Markdown with front matter ({@code .md}), plain text whose first line is the
 * title ({@code .txt}), and JSONL corpora with one article per line ({@code .jsonl}). Stateless and
 * thread-safe.
 */
public final class Articles {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TERMINAL = Pattern.compile(".*[.!?:;,\"'\u201d\u2019)\\]]$");

  /**
   * What {@link #readAll} found: the articles it could read and one problem per unreadable file or
   * line.
   */
  public record Batch(List<Article> articles, List<ArticleFormatException> problems) {
    public Batch {
      articles = List.copyOf(articles);
      problems = List.copyOf(problems);
    }
  }

  private Articles() {}

  /**
   * Builds an article from Markdown-like body text (blank-line paragraphs, {@code ##} headings).
   */
  public static Article of(
      String id, String title, String source, String url, String published, String body) {
    return Body.article(id, title, source, url, published, Body.blocks(body, false));
  }

  /** True for the file types {@link #read} understands. */
  public static boolean isArticleFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(file)
        && !name.startsWith(".")
        && (name.endsWith(".md") || name.endsWith(".txt") || name.endsWith(".jsonl"));
  }

  /**
   * Reads every article file under {@code path} (a file or a folder, recursively, in name order). A
   * bad file or JSONL line is reported in {@link Batch#problems()} and never stops the others.
   *
   * @throws UncheckedIOException when the folder itself cannot be listed
   */
  public static Batch readAll(Path path) {
    List<Path> files;
    if (Files.isDirectory(path)) {
      try (Stream<Path> walk = Files.walk(path)) {
        files = walk.filter(Articles::isArticleFile).sorted().toList();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list articles in " + path, e);
      }
    } else {
      files = List.of(path);
    }
    List<Article> articles = new ArrayList<>();
    List<ArticleFormatException> problems = new ArrayList<>();
    Map<String, Path> seen = new LinkedHashMap<>();
    for (Path file : files) {
      try {
        for (Article article : read(file, problems)) {
          Path first = seen.putIfAbsent(article.id(), file);
          if (first != null) {
            problems.add(
                new ArticleFormatException(
                    file,
                    0,
                    "duplicate article id '" + article.id() + "' (also in " + first + ")"));
          } else {
            articles.add(article);
          }
        }
      } catch (ArticleFormatException e) {
        problems.add(e);
      }
    }
    return new Batch(articles, problems);
  }

  /** Reads one file; malformed JSONL lines are added to {@code problems}, anything else throws. */
  static List<Article> read(Path file, List<ArticleFormatException> problems) {
    String name = file.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    String text = readText(file);
    if (lower.endsWith(".jsonl")) return jsonl(file, text, problems);
    String id = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
    return List.of(lower.endsWith(".md") ? markdown(file, id, text) : plain(file, id, text));
  }

  /** Reads one Markdown or text file holding one article. */
  public static Article read(Path file) {
    List<ArticleFormatException> problems = new ArrayList<>();
    List<Article> articles = read(file, problems);
    if (!problems.isEmpty()) throw problems.getFirst();
    if (articles.size() != 1)
      throw new ArticleFormatException(file, 0, "expected one article, found " + articles.size());
    return articles.getFirst();
  }

  /** Whether {@code bytes} look like a binary file rather than text: a NUL in their first 8 KiB. */
  public static boolean looksBinary(byte[] bytes) {
    for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
      if (bytes[i] == 0) return true;
    }
    return false;
  }

  private static String readText(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      if (looksBinary(bytes))
        throw new ArticleFormatException(file, 0, "binary file, not an article");
      return StandardCharsets.UTF_8
          .newDecoder()
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString()
          .replace("\uFEFF", "");
    } catch (CharacterCodingException e) {
      throw new ArticleFormatException(file, 0, "not valid UTF-8 text", e);
    } catch (IOException e) {
      throw new ArticleFormatException(file, 0, "cannot read: " + e.getMessage(), e);
    }
  }

  private static Article markdown(Path file, String id, String text) {
    String[] lines = text.split("\r?\n", -1);
    Map<String, String> meta = new LinkedHashMap<>();
    int bodyStart = 0;
    if (lines.length > 0 && lines[0].strip().equals("---")) {
      int end = 1;
      while (end < lines.length && !lines[end].strip().equals("---")) end++;
      if (end == lines.length) {
        throw new ArticleFormatException(file, 1, "front matter opened with '---' is never closed");
      }
      for (int i = 1; i < end; i++) {
        String line = lines[i].strip();
        if (line.isEmpty() || line.startsWith("#")) continue;
        int colon = line.indexOf(':');
        if (colon <= 0) {
          throw new ArticleFormatException(
              file, i + 1, "front matter line is not 'key: value': " + line);
        }
        meta.put(
            line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
            unquote(line.substring(colon + 1).strip()));
      }
      bodyStart = end + 1;
    }
    String body =
        String.join("\n", java.util.Arrays.asList(lines).subList(bodyStart, lines.length));
    List<Body.Block> blocks = Body.blocks(body, false);
    String title = meta.get("title");
    if (title == null || title.isBlank()) {
      // No title in front matter: a leading "# Title" heading serves.
      if (!blocks.isEmpty() && blocks.getFirst().heading()) {
        title = blocks.removeFirst().text();
      } else {
        throw new ArticleFormatException(file, 1, "no title: add 'title:' to the front matter");
      }
    }
    if (blocks.stream().noneMatch(b -> !b.heading())) {
      throw new ArticleFormatException(file, 0, "article has no text");
    }
    String articleId = meta.getOrDefault("id", "").isBlank() ? id : meta.get("id");
    return Body.article(
        requireId(file, articleId),
        title,
        meta.get("source"),
        meta.get("url"),
        meta.get("published"),
        blocks);
  }

  private static String unquote(String v) {
    if (v.length() >= 2
        && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
      return v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    return v;
  }

  private static Article plain(Path file, String id, String text) {
    String stripped = text.strip();
    if (stripped.isEmpty()) throw new ArticleFormatException(file, 0, "empty file");
    int nl = stripped.indexOf('\n');
    if (nl < 0) throw new ArticleFormatException(file, 1, "only a title line, no article text");
    String title = stripped.substring(0, nl).strip();
    String rest = stripped.substring(nl + 1);
    // Blank lines between paragraphs mean wrapped paragraphs; otherwise every line is a paragraph.
    boolean linePerParagraph = !rest.strip().contains("\n\n") && !rest.contains("\r\n\r\n");
    List<Body.Block> blocks = new ArrayList<>();
    List<Body.Block> raw = Body.blocks(rest, linePerParagraph);
    for (int i = 0; i < raw.size(); i++) {
      Body.Block b = raw.get(i);
      boolean last = i == raw.size() - 1;
      blocks.add(!last && looksLikeHeading(b.text()) ? new Body.Block(b.text(), true) : b);
    }
    return Body.article(requireId(file, id), title, null, null, null, blocks);
  }

  /** A file named ".md" or " .txt" has no name to serve as the article's id. */
  private static String requireId(Path file, String id) {
    if (id.isBlank()) {
      throw new ArticleFormatException(
          file, 0, "no article id: give the file a name before its extension (or an 'id:')");
    }
    return id;
  }

  /** A short line with several words and no closing punctuation reads as a sub-heading. */
  private static boolean looksLikeHeading(String line) {
    return line.length() <= 120
        && line.split("\\s+").length >= 3
        && !TERMINAL.matcher(line).matches();
  }

  /** The longest JSONL line read as an article (longer ones are reported, not parsed). */
  static final int MAX_JSONL_LINE = 1_000_000;

  private static List<Article> jsonl(
      Path file, String text, List<ArticleFormatException> problems) {
    List<Article> articles = new ArrayList<>();
    String[] lines = text.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) continue;
      if (lines[i].length() > MAX_JSONL_LINE) {
        problems.add(
            new ArticleFormatException(
                file,
                i + 1,
                String.format(
                    "line of %,d characters; an article may have at most %,d",
                    lines[i].length(), MAX_JSONL_LINE)));
        continue;
      }
      try {
        JsonNode node = JSON.readTree(lines[i]);
        if (node == null || !node.isObject())
          throw new ArticleFormatException(file, i + 1, "not a JSON object");
        String id = field(node, "id");
        String title = field(node, "title");
        String body = field(node, "text");
        if (id == null || title == null || body == null) {
          throw new ArticleFormatException(
              file, i + 1, "needs string fields 'id', 'title' and 'text'");
        }
        List<Body.Block> blocks = Body.blocks(body, false);
        if (blocks.isEmpty()) throw new ArticleFormatException(file, i + 1, "article has no text");
        articles.add(
            Body.article(
                id,
                title,
                field(node, "source"),
                field(node, "url"),
                field(node, "published"),
                blocks));
      } catch (JsonProcessingException e) {
        problems.add(
            new ArticleFormatException(
                file, i + 1, "malformed JSON: " + e.getOriginalMessage(), e));
      } catch (ArticleFormatException e) {
        problems.add(e);
      }
    }
    return articles;
  }

  private static String field(JsonNode node, String name) {
    JsonNode v = node.get(name);
    return v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank() ? null : v.asText();
  }
}
