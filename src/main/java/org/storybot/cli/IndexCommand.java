package org.storybot.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.storybot.article.Articles;
import org.storybot.index.StoryIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code storybot index}: builds or updates the index from an articles folder or corpus file. */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = "Build or update the sentence index from the articles.")
final class IndexCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin Corpus corpus;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Config config = corpus.config();
    if (!java.nio.file.Files.exists(config.articles())) {
      throw new Storybot.MissingInputException("no articles at " + config.articles());
    }
    long start = System.nanoTime();
    Articles.Batch batch = Articles.readAll(config.articles());
    batch.problems().forEach(p -> err.println("storybot: skipped " + p.getMessage()));
    try (Storybot storybot = new Storybot(config, err::println)) {
      StoryIndex idx = StoryIndex.open(config.index(), storybot.embedder());
      try (idx) {
        StoryIndex.SyncReport r = idx.sync(batch.articles());
        out.printf(
            "Indexed %s: %d added, %d updated, %d removed, %d unchanged; %d new sentences in %.1f s (%d sentences in all).%n",
            config.index(),
            r.added(),
            r.updated(),
            r.removed(),
            r.unchanged(),
            r.sentences(),
            (System.nanoTime() - start) / 1e9,
            idx.sentenceCount());
      }
    }
    return batch.problems().isEmpty() ? Main.OK : Main.BAD_INPUT;
  }
}
