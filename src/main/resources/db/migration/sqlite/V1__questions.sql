-- Every question the bot receives, written before it is answered and marked after,
-- so a crash or restart answers what was left unanswered, exactly once.
CREATE TABLE questions (
  update_id   INTEGER PRIMARY KEY,
  chat_id     INTEGER NOT NULL,
  message_id  INTEGER NOT NULL,
  user_id     INTEGER NOT NULL,
  is_group    INTEGER NOT NULL,
  text        TEXT    NOT NULL,
  received_at INTEGER NOT NULL,
  answered_at INTEGER
);
CREATE INDEX questions_unanswered ON questions (answered_at) WHERE answered_at IS NULL;
