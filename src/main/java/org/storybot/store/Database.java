package org.storybot.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Storybot's state: by default one SQLite file ({@code storybot.db} under the data folder); with
 * {@code STORYBOT_DATABASE_URL}, a PostgreSQL database that several replicas share. The schema is
 * brought up to date by the Flyway migrations in {@code db/migration/sqlite} or {@code
 * db/migration/postgresql} (same versions, each in its own types) when it opens. The SQL the
 * packages run is the same on both.
 *
 * <p>Thread-safe. SQLite: one connection, used by one caller at a time ({@link #transaction} and
 * {@link #read} serialise; SQLite serialises writers anyway, and our statements are small).
 * PostgreSQL: a HikariCP pool, a connection per call. Close it once, when the process ends.
 */
public final class Database implements AutoCloseable {
  /** Work done with the connection. */
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final String where; // for messages: the file, or the URL without credentials
  private final Path file;
  private final Connection connection; // SQLite
  private final HikariDataSource pool; // PostgreSQL
  private final DataSource direct; // PostgreSQL, unpooled: for sessions held long (advisory locks)
  private final ReentrantLock lock = new ReentrantLock();

  private Database(
      String where, Path file, Connection connection, HikariDataSource pool, DataSource direct) {
    this.where = where;
    this.file = file;
    this.connection = connection;
    this.pool = pool;
    this.direct = direct;
  }

  /**
   * Connects to the PostgreSQL database at {@code jdbcUrl} ({@code jdbc:postgresql://…}) and
   * migrates its schema. {@code user} and {@code password} may be null when the URL has them; they
   * never appear in messages.
   */
  public static Database connect(String jdbcUrl, String user, String password) {
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new StoreException("not a PostgreSQL JDBC URL (jdbc:postgresql://host/db)", null);
    }
    String where = withoutCredentials(jdbcUrl);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    if (user != null) config.setUsername(user);
    if (password != null) config.setPassword(password);
    config.setPoolName("storybot");
    config.setMaximumPoolSize(8);
    config.setConnectionTimeout(10_000);
    config.setInitializationFailTimeout(10_000);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException("cannot connect to " + where + ": " + rootMessage(e), null);
    }
    try {
      Flyway.configure()
          .dataSource(pool)
          .locations("classpath:db/migration/postgresql")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      pool.close();
      throw new StoreException("cannot migrate " + where + ": " + rootMessage(e), null);
    }
    PGSimpleDataSource direct = new PGSimpleDataSource();
    direct.setURL(jdbcUrl);
    if (user != null) direct.setUser(user);
    if (password != null) direct.setPassword(password);
    direct.setConnectTimeout(10);
    return new Database(where, null, null, pool, direct);
  }

  /** {@code jdbc:postgresql://host:port/db}: no user info, no query (where a password may be). */
  public static String withoutCredentials(String jdbcUrl) {
    String s = jdbcUrl.replaceFirst("\\?.*$", "");
    return s.replaceFirst("//[^/@]*@", "//");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t.getMessage();
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
      Flyway.configure()
          .dataSource(source)
          .locations("classpath:db/migration/sqlite")
          .load()
          .migrate();
      Connection connection = source.getConnection();
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA foreign_keys = ON");
      }
      return new Database(file.toString(), file, connection, null, null);
    } catch (SQLException | RuntimeException e) {
      throw new StoreException("cannot open the database " + file, e);
    }
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   */
  public <T> T transaction(Work<T> work) {
    if (pool != null) {
      try (Connection c = pool.getConnection()) {
        c.setAutoCommit(false);
        try {
          T result = work.run(c);
          c.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        }
      } catch (SQLException e) {
        throw new StoreException("database error in " + where, e);
      }
    }
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
      throw new StoreException("database error in " + where, e);
    } finally {
      lock.unlock();
    }
  }

  /** Runs {@code work} outside an explicit transaction (each statement commits by itself). */
  public <T> T read(Work<T> work) {
    if (pool != null) {
      try (Connection c = pool.getConnection()) {
        return work.run(c);
      } catch (SQLException e) {
        throw new StoreException("database error in " + where, e);
      }
    }
    lock.lock();
    try {
      return work.run(connection);
    } catch (SQLException e) {
      throw new StoreException("database error in " + where, e);
    } finally {
      lock.unlock();
    }
  }

  /** What {@link #copyInto} did to one table. */
  public record Copied(String table, int read, int added) {}

  /** Every table, parents before children (the outbox refers to digests). */
  static final List<String> TABLES =
      List.of(
          "storybot_info",
          "questions",
          "subscription",
          "digest",
          "outbox",
          "feed",
          "feed_item",
          "announced");

  /**
   * Copies every row of this database into {@code target} (both at the same schema version, which
   * opening them ensured), table by table in one transaction on the target; rows whose key the
   * target has already are left as they are there, so running it again adds nothing. The outbox
   * keeps its ids, and PostgreSQL's id sequence moves past them.
   *
   * @return per table, the rows read here and the rows added there
   */
  public List<Copied> copyInto(Database target) {
    // Row by row from a cursor here into the target's transaction: a large outbox or question log
    // is never held in memory.
    return target.transaction(
        into ->
            read(
                from -> {
                  List<Copied> report = new ArrayList<>();
                  for (String table : TABLES) report.add(copyTable(table, from, into));
                  if (target.shared()) {
                    try (Statement s = into.createStatement()) {
                      s.execute(
                          "SELECT setval(pg_get_serial_sequence('outbox', 'id'),"
                              + " (SELECT coalesce(max(id), 0) + 1 FROM outbox), false)");
                    }
                  }
                  return report;
                }));
  }

  private static Copied copyTable(String table, Connection from, Connection into)
      throws SQLException {
    try (Statement st = from.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
      int n = rs.getMetaData().getColumnCount();
      List<String> names = new ArrayList<>();
      for (int i = 1; i <= n; i++) names.add(rs.getMetaData().getColumnName(i));
      String sql =
          "INSERT INTO "
              + table
              + " ("
              + String.join(", ", names)
              + ") VALUES ("
              + String.join(", ", java.util.Collections.nCopies(n, "?"))
              + ") ON CONFLICT DO NOTHING";
      int read = 0, added = 0;
      try (PreparedStatement s = into.prepareStatement(sql)) {
        while (rs.next()) {
          for (int i = 1; i <= n; i++) s.setObject(i, rs.getObject(i));
          added += s.executeUpdate();
          read++;
        }
      }
      return new Copied(table, read, added);
    }
  }

  /**
   * The lead of {@code job} among the replicas sharing this database (see {@link Leadership}); the
   * caller closes it. On SQLite this process always leads.
   */
  public Leadership leadership(String job) {
    return new Leadership(job, direct);
  }

  /** The SQLite file, or null on PostgreSQL. */
  public Path file() {
    return file;
  }

  /** Whether this is a shared PostgreSQL database. */
  public boolean shared() {
    return pool != null;
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.close();
      return;
    }
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
    return "Database[" + where + "]";
  }
}
