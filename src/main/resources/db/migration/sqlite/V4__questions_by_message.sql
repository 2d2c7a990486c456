-- A question is identified by the bot, chat and message it came in, not by its update id: update
-- ids restart (after a week without updates, on another Bot API server, with another token), and
-- a restarted sequence must not look like questions already seen. update_id only orders them.
-- Rows from before this migration keep bot_id 0: whichever bot runs next answers what they left.
CREATE TABLE questions_by_message (
  bot_id      INTEGER NOT NULL,
  chat_id     INTEGER NOT NULL,
  message_id  INTEGER NOT NULL,
  update_id   INTEGER NOT NULL,
  user_id     INTEGER NOT NULL,
  is_group    INTEGER NOT NULL,
  text        TEXT    NOT NULL,
  received_at INTEGER NOT NULL,
  answered_at INTEGER,
  PRIMARY KEY (bot_id, chat_id, message_id)
);
INSERT INTO questions_by_message
  SELECT 0, chat_id, message_id, update_id, user_id, is_group, text, received_at, answered_at
  FROM questions;
DROP TABLE questions;
ALTER TABLE questions_by_message RENAME TO questions;
CREATE INDEX questions_unanswered ON questions (bot_id, received_at) WHERE answered_at IS NULL;
