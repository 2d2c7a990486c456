package org.storybot.cli;

import java.io.PrintWriter;
import org.storybot.answer.EmptyQuestionException;
import org.storybot.article.ArticleFormatException;
import org.storybot.index.IndexException;
import org.storybot.rank.ModelException;
import org.storybot.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code storybot} command. Exit codes follow sysexits: 64 usage, 65 bad data, 66 no input, 70
 * internal, 78 config.
 */
@Command(
    name = "storybot",
    mixinStandardHelpOptions = true,
    version = "storybot 0.1.0",
    description = "Answers questions about a news story, citing the exact source sentences.",
    subcommands = {
      AskCommand.class,
      IndexCommand.class,
      BenchCommand.class,
      IngestCommand.class,
      RunBotCommand.class,
      ChatCommand.class,
      TrainCommand.class,
      MigrateCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main {
  static final int OK = 0;
  static final int USAGE = 64;
  static final int BAD_INPUT = 65;
  static final int NO_INPUT = 66;
  static final int UNAVAILABLE = 69;
  static final int INTERNAL = 70;
  static final int CONFIG = 78;

  // Lucene announces its vector module at INFO through java.util.logging; only problems matter
  // here. Held in fields: java.util.logging forgets the level of a logger nobody references.
  private static final java.util.logging.Logger LUCENE_LOG =
      java.util.logging.Logger.getLogger("org.apache.lucene");
  private static final java.util.logging.Logger LUCENE_VECTORS_LOG =
      java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");

  public static void main(String[] args) {
    LUCENE_LOG.setLevel(java.util.logging.Level.WARNING);
    // The launcher runs a one-question `ask` on the C1 compiler alone, where Lucene's vector code
    // cannot run; it would warn about that on every answer.
    if (System.getProperty("java.vm.info", "").contains("emulated-client")) {
      LUCENE_VECTORS_LOG.setLevel(java.util.logging.Level.SEVERE);
    }
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with {@code args}; returns the exit code. */
  static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExitCodeExceptionMapper(Main::exitCode);
    cli.getCommandSpec().exitCodeOnInvalidInput(USAGE);
    cli.getSubcommands().values().forEach(c -> c.getCommandSpec().exitCodeOnInvalidInput(USAGE));
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          int code = exitCode(e);
          cmd.getErr()
              .println(
                  "storybot: " + (code == INTERNAL ? "internal error: " : "") + e.getMessage());
          if (code == INTERNAL) e.printStackTrace(cmd.getErr());
          return code;
        });
    if (args.length == 0) {
      cli.usage(out);
      return USAGE;
    }
    return cli.execute(args);
  }

  static int exitCode(Throwable e) {
    return switch (e) {
      case EmptyQuestionException x -> USAGE;
      case CommandLine.ParameterException x -> USAGE;
      case ArticleFormatException x -> BAD_INPUT;
      case Storybot.MissingInputException x -> NO_INPUT;
      case ConfigException x -> CONFIG;
      case ModelException x -> CONFIG;
      case StoreException x -> UNAVAILABLE;
      case IndexException x -> INTERNAL;
      default -> INTERNAL;
    };
  }
}
