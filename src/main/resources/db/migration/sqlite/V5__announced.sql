-- Articles whose arrival has been announced: digests queued for every chat that followed them
-- (perhaps none), in the same transaction as the outbox rows. At start the bot announces every
-- indexed article missing here, so an article indexed just before a crash, or added by
-- `storybot ingest` while the bot was stopped, is still announced, once. The first start records
-- the articles it finds without announcing them (storybot_info 'announced_baseline').
CREATE TABLE announced (
  article_id   TEXT    PRIMARY KEY,
  announced_at INTEGER NOT NULL -- epoch millis
);
