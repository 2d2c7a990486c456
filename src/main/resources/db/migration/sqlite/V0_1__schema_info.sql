-- The first migration: a place to record facts about this database itself.
-- Later migrations: V1__questions.sql (bot), V2__subscriptions.sql (subscriptions, outbox), V3__feeds.sql (ingest).
CREATE TABLE storybot_info (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO storybot_info (key, value) VALUES ('created', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
