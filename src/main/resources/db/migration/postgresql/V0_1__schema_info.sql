-- PostgreSQL (STORYBOT_DATABASE_URL): the same tables as db/migration/sqlite, in PostgreSQL's
-- types (BIGINT ids and epoch millis, an identity for the outbox). Same versions, so
-- `storybot migrate` can copy one into the other table by table.
CREATE TABLE storybot_info (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO storybot_info (key, value)
  VALUES ('created', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
