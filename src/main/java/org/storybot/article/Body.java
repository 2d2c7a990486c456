package org.storybot.article;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/** Turns the text of an article into its canonical body, sentences and related links. */
final class Body {
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*$");
  private static final Pattern READ_MORE =
      Pattern.compile(
          "^(read more|read also|see also|related)\\s*:\\s*.+", Pattern.CASE_INSENSITIVE);

  /** One block of the text: a paragraph, or a heading when {@code heading} is set. */
  record Block(String text, boolean heading) {}

  private Body() {}

  /**
   * Splits Markdown-like text into blocks: blank lines separate paragraphs, {@code #} lines are
   * headings. When {@code linePerParagraph} is set every non-empty line is its own block.
   */
  static List<Block> blocks(String text, boolean linePerParagraph) {
    List<Block> blocks = new ArrayList<>();
    StringBuilder para = new StringBuilder();
    for (String raw : text.split("\r?\n", -1)) {
      String line = raw.strip();
      var heading = HEADING.matcher(line);
      if (line.isEmpty() || heading.matches() || linePerParagraph) {
        flush(para, blocks);
      }
      if (heading.matches()) {
        blocks.add(new Block(heading.group(1), true));
      } else if (!line.isEmpty()) {
        if (!para.isEmpty()) para.append(' ');
        para.append(line);
        if (linePerParagraph) flush(para, blocks);
      }
    }
    flush(para, blocks);
    return blocks;
  }

  private static void flush(StringBuilder para, List<Block> blocks) {
    if (!para.isEmpty()) {
      blocks.add(new Block(para.toString(), false));
      para.setLength(0);
    }
  }

  /**
   * Builds the article from its metadata and blocks; "Read more:" paragraphs become related links.
   */
  static Article article(
      String id, String title, String source, String url, String published, List<Block> blocks) {
    StringBuilder body = new StringBuilder();
    List<Sentence> sentences = new ArrayList<>();
    List<String> related = new ArrayList<>();
    String heading = null;
    int paragraph = 0;
    for (Block block : blocks) {
      if (!body.isEmpty()) body.append("\n\n");
      if (block.heading()) {
        body.append("## ").append(block.text());
        heading = block.text();
        continue;
      }
      int offset = body.length();
      body.append(block.text());
      if (READ_MORE.matcher(block.text()).matches()) {
        related.add(block.text());
        continue;
      }
      for (SentenceSplitter.Span span : SentenceSplitter.split(block.text())) {
        sentences.add(
            new Sentence(
                sentences.size(),
                paragraph,
                heading,
                offset + span.start(),
                offset + span.end(),
                block.text().substring(span.start(), span.end())));
      }
      paragraph++;
    }
    String text = body.toString();
    String hash =
        sha256(String.join("\u0000", id, title, nz(source), nz(url), nz(published), text));
    return new Article(id, title, source, url, published, text, sentences, related, hash);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  static String sha256(String s) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
