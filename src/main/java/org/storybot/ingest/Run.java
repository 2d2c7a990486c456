package org.storybot.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.storybot.article.Article;

/** The state of one ingest call: what was read, and what became of it. Confined to one thread. */
final class Run {
  /**
   * One article to consider: a {@code draft} that needs an id and a file, or an {@code article}
   * already in the articles folder ({@code file} set when it is the only article of that file).
   */
  record Candidate(String origin, Article article, Draft draft, Path file) {}

  final String source;
  final List<Candidate> candidates = new ArrayList<>();
  final List<IngestReport.Added> added = new ArrayList<>();
  final List<IngestReport.Duplicate> duplicates = new ArrayList<>();
  final List<IngestReport.Problem> problems = new ArrayList<>();

  Run(String source) {
    this.source = source;
  }

  void problem(String origin, String message) {
    problems.add(new IngestReport.Problem(origin, message));
  }

  IngestReport report() {
    return new IngestReport(source, added, duplicates, problems);
  }
}
