package org.storybot.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.Callable;
import org.storybot.bot.Metrics;
import org.storybot.bot.Replies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code storybot chat}: the bot's conversation in the terminal, through the same replies the bot
 * sends, rendered as plain text. No token needed.
 */
@Command(
    name = "chat",
    mixinStandardHelpOptions = true,
    description = "Talk to Storybot in the terminal, as in a private Telegram chat.")
final class ChatCommand implements Callable<Integer> {
  static final long TERMINAL = 1;

  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin Corpus corpus;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (Storybot storybot = new Storybot(corpus.config(), m -> err.println("storybot: " + m))) {
      Replies replies =
          new Replies(
              storybot.index(),
              storybot.answerer(),
              storybot.conversations(),
              null,
              Set.of(),
              url -> "Use `storybot ingest URL` to add articles from the terminal.",
              new Metrics());
      for (String part :
          replies.to(new Replies.Incoming(TERMINAL, TERMINAL, false, false, "/start"))) {
        out.println(Replies.plain(part));
      }
      out.println("(Ctrl-D to quit)");
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      out.print("> ");
      out.flush();
      for (String line; (line = in.readLine()) != null; ) {
        if (!line.isBlank()) {
          for (String part :
              replies.to(new Replies.Incoming(TERMINAL, TERMINAL, false, false, line))) {
            out.println(Replies.plain(part));
            out.println();
          }
        }
        out.print("> ");
        out.flush();
      }
      out.println();
    }
    return Main.OK;
  }
}
