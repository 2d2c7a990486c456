-- Feeds polled by the bot: the validators of their last good answer, for conditional GETs.
CREATE TABLE feed (
  url           TEXT    PRIMARY KEY,
  etag          TEXT,
  last_modified TEXT,
  checked_at    INTEGER NOT NULL, -- epoch millis of the last poll
  last_error    TEXT             -- why the last poll failed, NULL when it worked
);

-- Item links already handled (ingested, or recognised as duplicates), so a feed that answers in
-- full every time does not make us fetch its item pages again. Links are in canonical form.
CREATE TABLE feed_item (
  feed_url TEXT    NOT NULL,
  item_url TEXT    NOT NULL,
  seen_at  INTEGER NOT NULL,
  PRIMARY KEY (feed_url, item_url)
);
