-- What each replica kept in its own memory and must share once several replicas answer one bot
-- (see the SQLite V11): a follow-up question reaching another replica is read with the question
-- before it, and a flooder gets one quota for the bot, not one per replica.

-- The last few turns of each chat (the bot keeps six), oldest first by seq.
CREATE TABLE conversation_turn (
  seq         BIGSERIAL PRIMARY KEY,
  chat_id     BIGINT  NOT NULL,
  question    TEXT    NOT NULL, -- as asked
  answered_as TEXT    NOT NULL, -- the standalone question that was answered
  answer      TEXT    NOT NULL,
  abstained   BOOLEAN NOT NULL
);
CREATE INDEX conversation_turn_by_chat ON conversation_turn (chat_id, seq);

-- Flood control: each user's questions (and inline queries) of the last minute, and the one
-- warning sent when they went over. Rows older than a minute are deleted as the user asks again,
-- and all of them now and then.
CREATE TABLE flood_event (
  kind    TEXT    NOT NULL, -- 'question' or 'inline'
  user_id BIGINT  NOT NULL,
  at      BIGINT  NOT NULL, -- epoch millis
  warning BOOLEAN NOT NULL
);
CREATE INDEX flood_event_by_user ON flood_event (kind, user_id, at);
