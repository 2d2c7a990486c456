-- Feeds polled by the bot and the item links already handled (see the SQLite V3).
CREATE TABLE feed (
  url           TEXT   PRIMARY KEY,
  etag          TEXT,
  last_modified TEXT,
  checked_at    BIGINT NOT NULL,
  last_error    TEXT
);

CREATE TABLE feed_item (
  feed_url TEXT   NOT NULL,
  item_url TEXT   NOT NULL,
  seen_at  BIGINT NOT NULL,
  PRIMARY KEY (feed_url, item_url)
);
