package org.storybot.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
      boolean terminal = TerminalDrafts.interactive();
      for (String line; (line = in.readLine()) != null; ) {
        if (!line.isBlank()) say(replies, line, terminal ? new TerminalDrafts(out) : null, out);
        out.print("> ");
        out.flush();
      }
      out.println();
    }
    return Main.OK;
  }

  /**
   * Prints the replies to {@code line}: with {@code drafts} (a terminal), an answer streams into it
   * as the model writes and then the rest of it and its sources follow.
   */
  static void say(Replies replies, String line, TerminalDrafts drafts, PrintWriter out) {
    Replies.Incoming in = new Replies.Incoming(TERMINAL, TERMINAL, false, false, line);
    List<String> parts = replies.to(in, drafts);
    StringBuilder all = new StringBuilder();
    for (String part : parts) all.append(Replies.plain(part)).append("\n\n");
    if (drafts != null && !parts.isEmpty()) drafts.finish(all.toString().stripTrailing() + "\n");
    else out.print(all);
    out.flush();
  }
}
