package org.storybot.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who among the replicas sharing a database does one job (polling the feeds): on PostgreSQL, the
 * replica holding a session-level advisory lock ({@code pg_try_advisory_lock}) on a connection of
 * its own, outside the pool, kept open while it leads. A replica that dies loses the lock with its
 * connection, and another takes it on its next {@link #lead()}. On SQLite, which one process uses,
 * this process always leads.
 *
 * <p>Thread-safe. Made by {@link Database#leadership}; {@link #close()} gives the lock up.
 */
public final class Leadership implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Leadership.class);
  private final String job;
  private final long key;
  private final DataSource direct; // null on SQLite
  private Connection connection; // the session holding (or trying for) the lock
  private boolean leading;

  Leadership(String job, DataSource direct) {
    this.job = job;
    // A fixed 64-bit key per job, the same in every replica (String.hashCode is specified).
    this.key = 0x53746f7279L << 32 | (job.hashCode() & 0xffffffffL);
    this.direct = direct;
  }

  /**
   * Whether this replica leads now: true when it held the lock already and its session is still
   * alive, or took the lock just now; false while another replica holds it, or when the database
   * cannot be reached (the next call tries again on a new connection).
   */
  public synchronized boolean lead() {
    if (direct == null) return true;
    try {
      if (connection == null) connection = direct.getConnection();
      String sql = leading ? "SELECT true" : "SELECT pg_try_advisory_lock(?)";
      try (PreparedStatement s = connection.prepareStatement(sql)) {
        if (!leading) s.setLong(1, key);
        s.setQueryTimeout(10);
        try (ResultSet rs = s.executeQuery()) {
          boolean now = rs.next() && rs.getBoolean(1);
          if (now && !leading) log.info("this replica now leads: {}", job);
          leading = now;
        }
      }
      return leading;
    } catch (SQLException e) {
      if (leading) log.warn("lost the lead ({}): {}", job, e.getMessage());
      else log.warn("cannot ask for the lead ({}): {}", job, e.getMessage());
      drop();
      return false;
    }
  }

  private void drop() {
    leading = false;
    if (connection == null) return;
    try {
      connection.close(); // a session lock ends with its session
    } catch (SQLException ignored) {
      // the session is gone already, and with it the lock
    }
    connection = null;
  }

  /**
   * Gives the lock up, then the session. The unlock is a round trip the server answers only once
   * the lock is free, so another replica can lead at once; closing the connection alone frees it
   * only when the server has ended the session, a moment after the client has moved on.
   */
  @Override
  public synchronized void close() {
    if (leading) {
      log.info("giving up the lead: {}", job);
      try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
        s.setLong(1, key);
        s.setQueryTimeout(10);
        s.execute();
      } catch (SQLException e) {
        log.warn("cannot give the lead up ({}), closing its session: {}", job, e.getMessage());
      }
    }
    drop();
  }

  @Override
  public String toString() {
    return "Leadership[" + job + (leading ? ", leading" : "") + "]";
  }
}
