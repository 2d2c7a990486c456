-- Which process holds a question's claim (a random id per run), so that a replica whose claim ran
-- out while the question waited in its queue does not answer it after another took it over.
ALTER TABLE questions ADD COLUMN claimed_by TEXT;
