-- sitrep schema 9 on PostgreSQL. The SQLite migration adds a speaker index and a lookup table
-- kept by triggers for `sitrep serve`, which reads SQLite databases only (see 0006's PostgreSQL
-- variant); here only the plain index, which the store's per-speaker reads use too, so the
-- version number stays in step with SQLite's.
CREATE INDEX quotes_speaker_id ON quotes(speaker, id);
