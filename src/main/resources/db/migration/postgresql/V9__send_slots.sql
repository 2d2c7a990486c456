-- Telegram's send limits for the bot as a whole, shared by the replicas (see the SQLite V9): per
-- key (0 for every message, else a chat id), the instant before which no message may go. Each
-- send takes its slot with one INSERT … ON CONFLICT DO UPDATE … RETURNING.
CREATE TABLE send_slot (
  key     BIGINT PRIMARY KEY,
  next_at BIGINT NOT NULL -- epoch millis, by the database's clock
);
