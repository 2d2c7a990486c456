package org.storybot.subscription;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.storybot.store.Database;

/**
 * Telegram's send limits held for the bot as a whole by the replicas sharing a PostgreSQL database:
 * rows of the {@code send_slot} table, each the instant before which no message may go (overall, or
 * to one chat). A sender takes a slot with one atomic statement ({@code INSERT … ON CONFLICT DO
 * UPDATE … RETURNING}, under the row's lock), so two replicas never take the same one. Times are
 * the database's clock, so the replicas' clocks need not agree.
 *
 * <ul>
 *   <li>Overall: one message every {@link #OVERALL} (25 a second): at most 25 start in any second,
 *       five short of Telegram's 30, so that the jitter between a replica's slot and the moment its
 *       request reaches Telegram (a late thread, a slow request) cannot push a second over 30. With
 *       35 ms (28.6 a second) a loaded CI machine once saw 31.
 *   <li>A private chat: one message every 1.2 s, a fifth over Telegram's one a second for the same
 *       reason: one replica's request reaching Telegram 160 ms late and the next replica's on time
 *       put two messages to one chat 0.84 s apart on a loaded CI machine when the slots were 1 s
 *       apart. A group: one every 3 s (so never more than 20 in a minute).
 * </ul>
 *
 * <p>Thread-safe; holds no resources (the database belongs to the caller). Used in front of the
 * in-process limits, which stay: they keep one replica from asking the database for slots it could
 * not use.
 */
public final class SendBudget {
  static final Duration OVERALL = Duration.ofMillis(40);
  static final Duration PER_CHAT = Duration.ofMillis(1200);
  static final Duration PER_GROUP = Duration.ofSeconds(3);
  static final long EVERY_MESSAGE = 0; // not a Telegram chat id

  /**
   * A chat's row whose instant passed this long ago says no more than a missing row: it is deleted,
   * so that the table holds the chats of the last minute, not every chat ever sent to.
   */
  static final Duration STALE = Duration.ofMinutes(1);

  /** Reservations between two prunes: at 25 a second, one DELETE every 40 s. */
  static final int PRUNE_EVERY = 1000;

  // The database's clock, in epoch millis, once per statement.
  private static final String NOW =
      "WITH now AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS ms) ";

  private final Database db;
  private final AtomicLong reservations = new AtomicLong();

  /** The budget kept in {@code db}, which must be a shared (PostgreSQL) database. */
  public SendBudget(Database db) {
    if (!db.shared()) {
      throw new IllegalArgumentException("a shared send budget needs PostgreSQL, not " + db);
    }
    this.db = db;
  }

  /**
   * Takes the chat's slot for a message sent {@code after} from now (the wait for its overall
   * slot): true when the chat had no message within {@link #PER_CHAT} ({@link #PER_GROUP} for a
   * group) of that instant, from this replica or another, and then the next waits as long after it;
   * false when it had one too recently.
   */
  public boolean tryChat(long chatId, Duration after) {
    long spacing = (chatId < 0 ? PER_GROUP : PER_CHAT).toMillis();
    return take(chatId, after.toMillis() + spacing, spacing);
  }

  /**
   * Moves {@code key}'s slot to {@code nextAt} ms from now if it is at least {@code spacing} ms
   * before that (one atomic statement): whether it was taken.
   */
  private boolean take(long key, long nextAt, long spacing) {
    return db.read(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  NOW
                      + "INSERT INTO send_slot (key, next_at) SELECT ?, ms + ? FROM now"
                      + " ON CONFLICT (key) DO UPDATE SET next_at = excluded.next_at"
                      + " WHERE send_slot.next_at <= excluded.next_at - ? RETURNING next_at")) {
            s.setLong(1, key);
            s.setLong(2, nextAt);
            s.setLong(3, spacing);
            try (ResultSet rs = s.executeQuery()) {
              return rs.next();
            }
          }
        });
  }

  /**
   * Takes an overall slot and then the chat's, both only if free right now: a message that may be
   * skipped (a draft of a streamed answer) goes only when no message of any replica is waiting for
   * a slot. False leaves the chat's slot alone, so a real message is never held up by a draft.
   */
  public boolean tryNow(long chatId) {
    long spacing = OVERALL.toMillis();
    return take(EVERY_MESSAGE, spacing, spacing) && tryChat(chatId, Duration.ZERO);
  }

  /**
   * How long until the chat's slot is free (zero when it is now), so that a caller can wait for it
   * before reserving an overall slot it would otherwise waste.
   */
  public Duration chatWait(long chatId) {
    long wait =
        db.read(
            c -> {
              try (PreparedStatement s =
                  c.prepareStatement(
                      NOW + "SELECT next_at - (SELECT ms FROM now) FROM send_slot WHERE key = ?")) {
                s.setLong(1, chatId);
                try (ResultSet rs = s.executeQuery()) {
                  return rs.next() ? rs.getLong(1) : 0L;
                }
              }
            });
    return wait <= 0 ? Duration.ZERO : Duration.ofMillis(wait);
  }

  /**
   * Reserves the next overall slot: how long the caller waits before sending (zero when the slot is
   * now). The slot is the caller's: it sends at its end, or the slot goes unused.
   */
  public Duration reserve() {
    if (reservations.incrementAndGet() % PRUNE_EVERY == 0) prune(STALE);
    long spacing = OVERALL.toMillis();
    long wait =
        db.read(
            c -> {
              try (PreparedStatement s =
                  c.prepareStatement(
                      NOW
                          + "INSERT INTO send_slot (key, next_at) SELECT ?, ms + ? FROM now"
                          + " ON CONFLICT (key) DO UPDATE SET next_at ="
                          + " greatest(send_slot.next_at + ?, excluded.next_at)"
                          + " RETURNING next_at - ? - (SELECT ms FROM now)")) {
                s.setLong(1, EVERY_MESSAGE);
                s.setLong(2, spacing);
                s.setLong(3, spacing);
                s.setLong(4, spacing);
                try (ResultSet rs = s.executeQuery()) {
                  rs.next();
                  return rs.getLong(1);
                }
              }
            });
    return wait <= 0 ? Duration.ZERO : Duration.ofMillis(wait);
  }

  /**
   * Reserves the next overall slot ({@link #reserve}) and takes {@code chatId}'s slot for the
   * moment it comes ({@link #tryChat}): how long from now until that moment, counted from when the
   * overall slot was reserved, so the chat's round trip does not make the send late (a late send
   * bunches with the next replica's, on time). Null when the chat had a message too recently: the
   * overall slot goes unused.
   */
  public Duration reserveFor(long chatId) {
    Duration wait = reserve();
    long slotAt = System.nanoTime() + wait.toNanos();
    if (!tryChat(chatId, wait)) return null;
    long left = slotAt - System.nanoTime();
    return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
  }

  /**
   * Deletes the chats' slots whose instant passed more than {@code stale} ago (never the overall
   * one): taking such a slot again inserts the same row anew.
   *
   * @return how many were deleted
   */
  int prune(Duration stale) {
    return db.read(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  NOW
                      + "DELETE FROM send_slot WHERE key <> ? AND next_at < (SELECT ms FROM now)"
                      + " - ?")) {
            s.setLong(1, EVERY_MESSAGE);
            s.setLong(2, stale.toMillis());
            return s.executeUpdate();
          }
        });
  }

  /** No replica sends anything for {@code wait} from now (Telegram answered 429, retry_after). */
  public void pause(Duration wait) {
    db.read(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  NOW
                      + "INSERT INTO send_slot (key, next_at) SELECT ?, ms + ? FROM now"
                      + " ON CONFLICT (key) DO UPDATE SET next_at ="
                      + " greatest(send_slot.next_at, excluded.next_at)")) {
            s.setLong(1, EVERY_MESSAGE);
            s.setLong(2, wait.toMillis());
            return s.executeUpdate();
          }
        });
  }

  @Override
  public String toString() {
    return "SendBudget[" + db + "]";
  }
}
