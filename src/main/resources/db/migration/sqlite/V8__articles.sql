-- Every article ingested by any replica (a feed, /add URL, a file), under the id it has everywhere.
-- Used where replicas share the database (PostgreSQL): each replica's own index follows the rows
-- past the last seq it has seen, and is brought up to date from them at start. Writers are
-- serialised, so seq only grows in the order rows become visible. SQLite, used by one process,
-- has the table for the schema's sake and leaves it empty.
CREATE TABLE article (
  seq           INTEGER NOT NULL UNIQUE, -- order of arrival
  id            TEXT    PRIMARY KEY,
  title         TEXT    NOT NULL,
  source        TEXT,
  url           TEXT,
  published     TEXT,
  body          TEXT    NOT NULL, -- blank lines between paragraphs, `## ` headings
  canonical_url TEXT,             -- to find the same article under another id
  text_hash     TEXT    NOT NULL, -- likewise: the words alone
  added_at      INTEGER NOT NULL  -- epoch millis
);
CREATE INDEX article_by_url ON article (canonical_url);
CREATE INDEX article_by_text ON article (text_hash);
