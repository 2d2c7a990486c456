-- A question is claimed by the process answering it (until claimed_until, epoch millis): the one
-- that recorded it, or, once that claim runs out (its process died), whichever takes it over.
ALTER TABLE questions ADD COLUMN claimed_until INTEGER NOT NULL DEFAULT 0;
