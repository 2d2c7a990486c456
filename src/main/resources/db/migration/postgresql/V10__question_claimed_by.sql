-- Which replica holds a question's claim (a random id per run; see the SQLite V10).
ALTER TABLE questions ADD COLUMN claimed_by TEXT;
