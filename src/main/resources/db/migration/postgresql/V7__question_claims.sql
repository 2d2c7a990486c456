-- A question is claimed by the replica answering it (until claimed_until, epoch millis): the one
-- that recorded it, or, once that claim runs out (the replica died), whichever takes it over.
ALTER TABLE questions ADD COLUMN claimed_until BIGINT NOT NULL DEFAULT 0;
