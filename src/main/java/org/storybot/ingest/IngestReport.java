package org.storybot.ingest;

import java.util.List;
import org.storybot.article.Article;

/**
 * What one {@link Ingester#ingest} call did with its source.
 *
 * @param source the path or URL as given
 * @param added articles indexed (and announced) for the first time
 * @param duplicates articles recognised as already indexed, not indexed again
 * @param problems what could not be read or fetched; the rest of the source still counts
 */
public record IngestReport(
    String source, List<Added> added, List<Duplicate> duplicates, List<Problem> problems) {
  public IngestReport {
    added = List.copyOf(added);
    duplicates = List.copyOf(duplicates);
    problems = List.copyOf(problems);
  }

  /**
   * A new article.
   *
   * @param origin where it came from (the file, the page URL or the feed item's link)
   * @param article the article as indexed, with its new id
   */
  public record Added(String origin, Article article) {}

  /**
   * An article already in the index.
   *
   * @param duplicateOf id of the indexed article it repeats
   * @param reason {@code "same URL"} or {@code "same text"}
   */
  public record Duplicate(String origin, String title, String duplicateOf, String reason) {}

  /** Something that went wrong with {@code origin} (the source itself, or one file/item in it). */
  public record Problem(String origin, String message) {
    @Override
    public String toString() {
      return origin + ": " + message;
    }
  }

  /** True when nothing went wrong. */
  public boolean ok() {
    return problems.isEmpty();
  }
}
