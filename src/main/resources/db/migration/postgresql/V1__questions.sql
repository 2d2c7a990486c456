-- Every question the bot receives, written before it is answered and marked after, identified by
-- the bot, chat and message it came in (SQLite reached this shape in its V4; update ids only order).
CREATE TABLE questions (
  bot_id      BIGINT  NOT NULL,
  chat_id     BIGINT  NOT NULL,
  message_id  BIGINT  NOT NULL,
  update_id   BIGINT  NOT NULL,
  user_id     BIGINT  NOT NULL,
  is_group    INTEGER NOT NULL,
  text        TEXT    NOT NULL,
  received_at BIGINT  NOT NULL, -- epoch millis
  answered_at BIGINT,
  PRIMARY KEY (bot_id, chat_id, message_id)
);
CREATE INDEX questions_unanswered ON questions (bot_id, received_at) WHERE answered_at IS NULL;
