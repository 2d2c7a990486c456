-- Conversation memory and flood control, shared by replicas on PostgreSQL (see the PostgreSQL
-- V11). SQLite, used by one process that keeps both in memory, has the tables for the schema's
-- sake and leaves them empty.
CREATE TABLE conversation_turn (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  chat_id     INTEGER NOT NULL,
  question    TEXT    NOT NULL,
  answered_as TEXT    NOT NULL,
  answer      TEXT    NOT NULL,
  abstained   INTEGER NOT NULL
);
CREATE INDEX conversation_turn_by_chat ON conversation_turn (chat_id, seq);

CREATE TABLE flood_event (
  kind    TEXT    NOT NULL,
  user_id INTEGER NOT NULL,
  at      INTEGER NOT NULL,
  warning INTEGER NOT NULL
);
CREATE INDEX flood_event_by_user ON flood_event (kind, user_id, at);
