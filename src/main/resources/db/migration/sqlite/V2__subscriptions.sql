-- Subscriptions to story updates, and the durable outbox their notifications go through.

-- One row per (chat, query). query '' means "every new article"; otherwise it holds the keywords
-- exactly as the user typed them (parsed again at match time, so the syntax can improve later).
CREATE TABLE subscription (
  chat_id    INTEGER NOT NULL,
  query      TEXT    NOT NULL,
  is_group   INTEGER NOT NULL CHECK (is_group IN (0, 1)),
  created_at INTEGER NOT NULL, -- epoch millis
  PRIMARY KEY (chat_id, query)
);

-- The notification text of each article, written once however many chats get it.
CREATE TABLE digest (
  article_id TEXT    PRIMARY KEY,
  html       TEXT    NOT NULL, -- Telegram HTML
  created_at INTEGER NOT NULL
);

-- One notification per (chat, article), written before sending, marked when sent. The unique key
-- keeps an article from ever being queued twice for the same chat.
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  chat_id         INTEGER NOT NULL,
  article_id      TEXT    NOT NULL REFERENCES digest (article_id),
  status          TEXT    NOT NULL DEFAULT 'pending'
                          CHECK (status IN ('pending', 'sent', 'dropped', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL, -- epoch millis; rows are due when it has passed
  created_at      INTEGER NOT NULL,
  sent_at         INTEGER,
  last_error      TEXT,
  UNIQUE (chat_id, article_id)
);

CREATE INDEX outbox_due ON outbox (status, next_attempt_at, id);
