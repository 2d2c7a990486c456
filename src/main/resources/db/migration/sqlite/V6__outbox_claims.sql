-- A notification is claimed before it is sent (until claimed_until, epoch millis), so two bots on
-- one shared database never send the same row; a claim that outlives its sender expires.
ALTER TABLE outbox ADD COLUMN claimed_until INTEGER NOT NULL DEFAULT 0;
