-- Telegram's send limits for the bot as a whole, where replicas share the database (PostgreSQL):
-- per key, the instant before which no message may go. Key 0 is every message (the overall rate);
-- any other key is a chat id (one a second to a chat, one every 3 s to a group). SQLite, used by
-- one process that keeps the limits in memory, has the table for the schema's sake and leaves it
-- empty.
CREATE TABLE send_slot (
  key     INTEGER PRIMARY KEY,
  next_at INTEGER NOT NULL -- epoch millis, by the database's clock
);
