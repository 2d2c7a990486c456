-- Every article ingested by any replica (a feed, /add URL, a file), under the id it has everywhere
-- (see the SQLite V8). Each replica's own index follows the rows past the last seq it has seen.
-- Writers take an advisory transaction lock first, so seq only grows in commit order.
CREATE TABLE article (
  seq           BIGINT NOT NULL UNIQUE,
  id            TEXT   PRIMARY KEY,
  title         TEXT   NOT NULL,
  source        TEXT,
  url           TEXT,
  published     TEXT,
  body          TEXT   NOT NULL,
  canonical_url TEXT,
  text_hash     TEXT   NOT NULL,
  added_at      BIGINT NOT NULL
);
CREATE INDEX article_by_url ON article (canonical_url);
CREATE INDEX article_by_text ON article (text_hash);
