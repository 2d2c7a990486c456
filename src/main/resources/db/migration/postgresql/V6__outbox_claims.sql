-- A notification is claimed before it is sent (until claimed_until, epoch millis), so replicas
-- sharing this database never send the same row; a claim that outlives its replica expires.
ALTER TABLE outbox ADD COLUMN claimed_until BIGINT NOT NULL DEFAULT 0;
