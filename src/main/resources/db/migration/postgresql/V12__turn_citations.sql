-- What each remembered turn cited, by article and position, one "ordinal article-id" a line: a
-- "tell me more" reaching another replica goes on from the sentence the last answer rests on.
ALTER TABLE conversation_turn ADD COLUMN cited TEXT NOT NULL DEFAULT '';
