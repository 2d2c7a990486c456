package org.storybot.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --datasets} option, shared by the commands that read the shared data sets. */
final class Datasets {
  @Option(
      names = "--datasets",
      paramLabel = "DIR",
      description = "The shared data sets folder (default: ../shared/datasets from the project).")
  Path datasets;

  /**
   * The data sets folder: the option, else {@code ../shared/datasets} beside the project home.
   *
   * @throws Storybot.MissingInputException when that folder does not exist
   */
  Path folder(Config config) {
    Path data =
        datasets != null ? datasets : config.home().resolve("../shared/datasets").normalize();
    if (!Files.isDirectory(data)) {
      throw new Storybot.MissingInputException("no data sets at " + data + ": set --datasets");
    }
    return data;
  }
}
