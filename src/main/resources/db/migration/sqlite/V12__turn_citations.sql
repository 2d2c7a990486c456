-- The column the PostgreSQL V12 adds, for the schema's sake (SQLite's table stays empty).
ALTER TABLE conversation_turn ADD COLUMN cited TEXT NOT NULL DEFAULT '';
