package org.storybot.rank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.storybot.article.Article;
import org.storybot.article.Articles;
import org.storybot.article.Sentence;

/**
 * A SQuAD file (v1.1 or v2.0) as articles, one per paragraph, with each question's gold sentences:
 * those holding the start of one of its answer spans, found by character offset. Training data for
 * the ranking models and the benchmark's quality data.
 */
public final class Squad {
  /**
   * One paragraph as an article, and its questions.
   *
   * @param topic the Wikipedia article the paragraph comes from: folds are split by it
   */
  public record Paragraph(String topic, Article article, List<Question> questions) {}

  /**
   * One question.
   *
   * @param gold the texts of the paragraph's sentences that hold an answer start; empty when the
   *     question is unanswerable
   * @param answer the first reference answer's text, or {@code null} when there is none
   */
  public record Question(
      String id, String text, Set<String> gold, boolean impossible, String answer) {}

  /** What was read, and how many paragraphs had to be left out (their offsets did not survive). */
  public record Data(List<Paragraph> paragraphs, int skippedParagraphs) {
    public int questions() {
      return paragraphs.stream().mapToInt(p -> p.questions().size()).sum();
    }

    public int sentences() {
      return paragraphs.stream().mapToInt(p -> p.article().sentences().size()).sum();
    }

    /** The first {@code n} paragraphs of each topic: a slice that still spans every fold. */
    public Data perTopic(int n) {
      if (n == Integer.MAX_VALUE) return this;
      java.util.Map<String, Integer> seen = new java.util.HashMap<>();
      List<Paragraph> kept = new ArrayList<>();
      for (Paragraph p : paragraphs) {
        if (seen.merge(p.topic(), 1, Integer::sum) <= n) kept.add(p);
      }
      return new Data(kept, skippedParagraphs);
    }

    public List<Article> articles() {
      return paragraphs.stream().map(Paragraph::article).toList();
    }
  }

  private Squad() {}

  /** Reads at most {@code maxParagraphs} paragraphs of {@code file}, in file order. */
  public static Data read(Path file, int maxParagraphs) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read SQuAD file " + file, e);
    }
    List<Paragraph> out = new ArrayList<>();
    int skipped = 0;
    for (JsonNode doc : root.get("data")) {
      String title = doc.get("title").asText().replace('_', ' ');
      for (JsonNode p : doc.get("paragraphs")) {
        if (out.size() == maxParagraphs) return new Data(out, skipped);
        Paragraph paragraph = paragraph(title + " #" + (out.size() + skipped), title, p);
        if (paragraph == null) skipped++;
        else out.add(paragraph);
      }
    }
    return new Data(out, skipped);
  }

  private static Paragraph paragraph(String id, String title, JsonNode p) {
    String raw = p.get("context").asText();
    // Our article reader joins lines and trims them, so squeeze whitespace first and keep a map
    // from the file's offsets to ours: answer_start must point at the same character.
    int[] map = new int[raw.length() + 1];
    StringBuilder clean = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      map[i] = clean.length();
      char c = raw.charAt(i);
      if (!Character.isWhitespace(c)) clean.append(c);
      else if (!clean.isEmpty() && clean.charAt(clean.length() - 1) != ' ') clean.append(' ');
    }
    String text = clean.toString().strip();
    Article article = Articles.of(id, title, "SQuAD", null, null, text);
    if (!article.body().equals(text)) return null; // a heading or "Read more" line changed it
    List<Question> questions = new ArrayList<>();
    for (JsonNode q : p.get("qas")) {
      boolean impossible = q.path("is_impossible").asBoolean(false);
      Set<String> gold = new HashSet<>();
      String answer = null;
      for (JsonNode a : q.get("answers")) {
        if (answer == null) answer = a.get("text").asText();
        int start = a.get("answer_start").asInt();
        if (start >= 0 && start < raw.length()) {
          Sentence s = holding(article, map[start]);
          if (s != null) gold.add(s.text());
        }
      }
      if (impossible || !gold.isEmpty()) {
        questions.add(
            new Question(
                q.get("id").asText(),
                q.get("question").asText().strip(),
                gold,
                impossible,
                impossible ? null : answer));
      }
    }
    return new Paragraph(title, article, questions);
  }

  /** The sentence holding {@code offset}, or the next one when the offset falls between two. */
  private static Sentence holding(Article article, int offset) {
    for (Sentence s : article.sentences()) {
      if (offset < s.end()) return s;
    }
    return null;
  }
}
