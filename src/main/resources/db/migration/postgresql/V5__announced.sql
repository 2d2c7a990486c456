-- Articles whose arrival has been announced (see the SQLite V5).
CREATE TABLE announced (
  article_id   TEXT   PRIMARY KEY,
  announced_at BIGINT NOT NULL
);
