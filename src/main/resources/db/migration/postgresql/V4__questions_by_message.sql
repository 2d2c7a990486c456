-- Nothing to do: on PostgreSQL, V1 created the questions table keyed by message already.
SELECT 1;
