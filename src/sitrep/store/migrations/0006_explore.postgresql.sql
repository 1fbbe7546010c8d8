-- sitrep schema 6 on PostgreSQL. The SQLite migration adds what `sitrep serve` reads: FTS5
-- full-text indexes and lookup tables kept by triggers. `sitrep serve` reads SQLite databases
-- only for now (it refuses a PostgreSQL URL and says to copy the database with
-- `sitrep migrate`), so on PostgreSQL this step keeps only the plain indexes, which the
-- store's own queries use too; the version number stays in step with SQLite's.
CREATE INDEX quotes_speaker ON quotes(speaker);
CREATE INDEX framings_actor ON framings(actor);
CREATE INDEX incidents_day_id ON incidents(COALESCE(date_start, ''), id);
