-- sitrep schema 8 on PostgreSQL. The SQLite migration adds lookup columns and a table kept by
-- triggers for `sitrep serve`, which reads SQLite databases only (see 0006's PostgreSQL
-- variant); here only a plain index the store's per-actor reads use too, so the version number
-- stays in step with SQLite's.
CREATE INDEX mentions_actor_document ON mentions(actor, document);
