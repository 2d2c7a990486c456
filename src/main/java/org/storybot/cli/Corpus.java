package org.storybot.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --articles} and {@code --index} options, shared by every command that reads them. */
final class Corpus {
  @Option(
      names = "--articles",
      paramLabel = "DIR",
      description = "Articles folder or file (default: $STORYBOT_ARTICLES or index/articles).")
  Path articles;

  @Option(
      names = "--index",
      paramLabel = "DIR",
      description = "Index folder (default: $STORYBOT_INDEX or index/lucene).")
  Path index;

  /** The settings from the environment, with these options (when given) taking precedence. */
  Config config() {
    return Config.from(System.getenv()).withPaths(articles, index);
  }
}
