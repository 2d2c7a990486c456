package org.storybot.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Storybot's state in one SQLite file ({@code storybot.db} under the data folder), its schema
 * brought up to date by the Flyway migrations in {@code db/migration} when it opens.
 *
 * <p>Thread-safe: one connection, used by one caller at a time ({@link #transaction} and {@link
 * #read} serialise). SQLite serialises writers anyway, and our statements are small. Close it once,
 * when the process ends.
 */
public final class Database implements AutoCloseable {
  /** Work done with the connection. */
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final Path file;
  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();

  private Database(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  /** Opens (creating if needed) the database in {@code dataDir} and migrates its schema. */
  public static Database open(Path dataDir) {
    Path file = dataDir.resolve("storybot.db");
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new StoreException(
          "cannot create the data folder " + dataDir + " (set STORYBOT_DATA)", e);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL); // readers never block the writer
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL); // durable at each WAL checkpoint
    config.setBusyTimeout(10_000);
    config.enforceForeignKeys(true);
    SQLiteDataSource source = new SQLiteDataSource(config);
    source.setUrl("jdbc:sqlite:" + file);
    try {
      Flyway.configure().dataSource(source).locations("classpath:db/migration").load().migrate();
      Connection connection = source.getConnection();
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA foreign_keys = ON");
      }
      return new Database(file, connection);
    } catch (SQLException | RuntimeException e) {
      throw new StoreException("cannot open the database " + file, e);
    }
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   */
  public <T> T transaction(Work<T> work) {
    lock.lock();
    try {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("database error in " + file, e);
    } finally {
      lock.unlock();
    }
  }

  /** Runs {@code work} outside an explicit transaction (each statement commits by itself). */
  public <T> T read(Work<T> work) {
    lock.lock();
    try {
      return work.run(connection);
    } catch (SQLException e) {
      throw new StoreException("database error in " + file, e);
    } finally {
      lock.unlock();
    }
  }

  public Path file() {
    return file;
  }

  @Override
  public void close() {
    lock.lock();
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("cannot close " + file, e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "Database[" + file + "]";
  }
}
