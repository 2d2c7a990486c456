package org.storybot.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.storybot.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code storybot migrate --to jdbc:postgresql://…}: copies the SQLite database (questions,
 * subscriptions, outbox, feeds) into PostgreSQL, so a bot can move to replicas without losing its
 * subscribers. Idempotent: running it again adds nothing.
 */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = {
      "Copy the SQLite database under STORYBOT_DATA into a PostgreSQL database.",
      "Safe to run again: rows already there are kept. Stop the bot first."
    })
final class MigrateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "JDBC_URL",
      description =
          "The PostgreSQL database, jdbc:postgresql://host:port/db (user and password from the"
              + " URL or STORYBOT_DATABASE_USER / STORYBOT_DATABASE_PASSWORD).")
  String to;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "The data folder holding storybot.db (default: $STORYBOT_DATA or data).")
  java.nio.file.Path data;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Config config = Config.from(System.getenv());
    java.nio.file.Path folder = data != null ? data : config.data();
    if (!java.nio.file.Files.isRegularFile(folder.resolve("storybot.db"))) {
      throw new Storybot.MissingInputException(
          "no SQLite database at "
              + folder.resolve("storybot.db")
              + ": give --data or STORYBOT_DATA");
    }
    try (Database from = Database.open(folder);
        Database into = Database.connect(to, config.databaseUser(), config.databasePassword())) {
      out.println("Copying " + from + " into " + into + ":");
      int added = 0;
      for (Database.Copied c : from.copyInto(into)) {
        out.printf(
            "  %-14s %,7d rows, %,7d added, %,7d there already%n",
            c.table(), c.read(), c.added(), c.read() - c.added());
        added += c.added();
      }
      out.printf("%,d rows added. Set STORYBOT_DATABASE_URL to use it.%n", added);
    }
    return Main.OK;
  }
}
