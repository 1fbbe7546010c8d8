-- sitrep schema 6: what `sitrep serve` queries fast — full-text search and derived lookup
-- tables, all kept in sync with the records by triggers (no code path can forget them).
--
-- documents_fts / quotes_fts: SQLite FTS5 indexes over document titles and bodies and over
--   quote text (external content: the text is stored once, in its table).
-- document_index: per document its outlet (publisher, else title, else id, as
--   Document.outlet) and its day (the first day of the published period, '' when unknown).
-- event_index: per event the columns list filters and the map need: its day (the event's own
--   date when it states a day, month or year, else its report's day; '' when neither), its
--   report's outlet, category, status and coordinates.
-- event_actors: one row per event and actor id, role 'actor' or 'recipient'.
-- actor_stats: mentions per actor (for "most mentioned first" without counting every mention).
-- Partial dates take the first day of their period (docs/dates.md).

CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='rowid');
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (NEW.rowid, NEW.title, NEW.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', OLD.rowid, OLD.title, OLD.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', OLD.rowid, OLD.title, OLD.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (NEW.rowid, NEW.title, NEW.text);
END;

CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='rowid');
INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild');
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text) VALUES (NEW.rowid, NEW.text);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', OLD.rowid, OLD.text);
END;

CREATE TABLE document_index (
    document TEXT PRIMARY KEY,
    outlet   TEXT NOT NULL,
    day      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX document_index_day ON document_index(day, document);
CREATE INDEX document_index_outlet ON document_index(outlet, day, document);
INSERT INTO document_index (document, outlet, day)
    SELECT id, COALESCE(publisher, title, id),
           CASE WHEN published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' THEN substr(published, 1, 10)
                WHEN published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' THEN published || '-01'
                WHEN published GLOB '[0-9][0-9][0-9][0-9]' THEN published || '-01-01'
                ELSE '' END
    FROM documents;
CREATE TRIGGER document_index_insert AFTER INSERT ON documents BEGIN
    INSERT OR REPLACE INTO document_index (document, outlet, day) VALUES (
        NEW.id, COALESCE(NEW.publisher, NEW.title, NEW.id),
        CASE WHEN NEW.published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' THEN substr(NEW.published, 1, 10)
             WHEN NEW.published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' THEN NEW.published || '-01'
             WHEN NEW.published GLOB '[0-9][0-9][0-9][0-9]' THEN NEW.published || '-01-01'
             ELSE '' END);
END;
CREATE TRIGGER document_index_update AFTER UPDATE OF publisher, title, published ON documents BEGIN
    UPDATE document_index SET outlet = COALESCE(NEW.publisher, NEW.title, NEW.id),
        day = CASE WHEN NEW.published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' THEN substr(NEW.published, 1, 10)
                   WHEN NEW.published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' THEN NEW.published || '-01'
                   WHEN NEW.published GLOB '[0-9][0-9][0-9][0-9]' THEN NEW.published || '-01-01'
                   ELSE '' END
    WHERE document = NEW.id;
END;
CREATE TRIGGER document_index_delete AFTER DELETE ON documents BEGIN
    DELETE FROM document_index WHERE document = OLD.id;
END;

CREATE TABLE event_index (
    event    TEXT PRIMARY KEY,
    document TEXT NOT NULL,
    category TEXT NOT NULL,
    status   TEXT NOT NULL,
    day      TEXT NOT NULL DEFAULT '',
    outlet   TEXT NOT NULL,
    lat      REAL,
    lon      REAL
);
CREATE INDEX event_index_day ON event_index(day, event);
CREATE INDEX event_index_category ON event_index(category, day, event);
CREATE INDEX event_index_status ON event_index(status, day, event);
CREATE INDEX event_index_outlet ON event_index(outlet, day, event);
CREATE INDEX event_index_document ON event_index(document);
CREATE INDEX event_index_lat ON event_index(lat, lon);

CREATE TABLE event_actors (
    event TEXT NOT NULL,
    actor TEXT NOT NULL,
    role  TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
    PRIMARY KEY (event, actor, role)
);
CREATE INDEX event_actors_actor ON event_actors(actor, event);

CREATE TRIGGER event_index_insert AFTER INSERT ON events BEGIN
    INSERT OR REPLACE INTO event_index (event, document, category, status, day, outlet, lat, lon)
    SELECT NEW.id, NEW.document, NEW.category, NEW.status,
           CASE WHEN json_extract(NEW.date, '$.value') GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'
                    THEN substr(json_extract(NEW.date, '$.value'), 1, 10)
                WHEN json_extract(NEW.date, '$.value') GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
                    THEN json_extract(NEW.date, '$.value') || '-01'
                WHEN json_extract(NEW.date, '$.value') GLOB '[0-9][0-9][0-9][0-9]'
                    THEN json_extract(NEW.date, '$.value') || '-01-01'
                ELSE COALESCE(di.day, '') END,
           COALESCE(di.outlet, NEW.document),
           json_extract(NEW.place, '$.lat'), json_extract(NEW.place, '$.lon')
    FROM (SELECT 1) LEFT JOIN document_index di ON di.document = NEW.document;
    INSERT OR IGNORE INTO event_actors (event, actor, role)
        SELECT NEW.id, value, 'actor' FROM json_each(NEW.actors);
    INSERT OR IGNORE INTO event_actors (event, actor, role)
        SELECT NEW.id, value, 'recipient' FROM json_each(NEW.recipients);
END;
CREATE TRIGGER event_index_delete AFTER DELETE ON events BEGIN
    DELETE FROM event_index WHERE event = OLD.id;
    DELETE FROM event_actors WHERE event = OLD.id;
END;
INSERT INTO event_index (event, document, category, status, day, outlet, lat, lon)
    SELECT e.id, e.document, e.category, e.status,
           CASE WHEN json_extract(e.date, '$.value') GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'
                    THEN substr(json_extract(e.date, '$.value'), 1, 10)
                WHEN json_extract(e.date, '$.value') GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
                    THEN json_extract(e.date, '$.value') || '-01'
                WHEN json_extract(e.date, '$.value') GLOB '[0-9][0-9][0-9][0-9]'
                    THEN json_extract(e.date, '$.value') || '-01-01'
                ELSE COALESCE(di.day, '') END,
           COALESCE(di.outlet, e.document),
           json_extract(e.place, '$.lat'), json_extract(e.place, '$.lon')
    FROM events e LEFT JOIN document_index di ON di.document = e.document;
INSERT OR IGNORE INTO event_actors (event, actor, role)
    SELECT e.id, j.value, 'actor' FROM events e, json_each(e.actors) j;
INSERT OR IGNORE INTO event_actors (event, actor, role)
    SELECT e.id, j.value, 'recipient' FROM events e, json_each(e.recipients) j;

CREATE TABLE actor_stats (
    actor    TEXT PRIMARY KEY,
    mentions INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX actor_stats_mentions ON actor_stats(mentions, actor);
INSERT INTO actor_stats (actor, mentions) SELECT actor, COUNT(*) FROM mentions GROUP BY actor;
CREATE TRIGGER actor_stats_insert AFTER INSERT ON mentions BEGIN
    INSERT INTO actor_stats (actor, mentions) VALUES (NEW.actor, 1)
        ON CONFLICT(actor) DO UPDATE SET mentions = mentions + 1;
END;
CREATE TRIGGER actor_stats_delete AFTER DELETE ON mentions BEGIN
    UPDATE actor_stats SET mentions = mentions - 1 WHERE actor = OLD.actor;
END;

CREATE INDEX quotes_speaker ON quotes(speaker);
CREATE INDEX framings_actor ON framings(actor);
CREATE INDEX places_geo ON places(lat, lon);

-- incidents newest first, undated last, then id: the keyset order of `sitrep serve`'s incident list
CREATE INDEX incidents_day_id ON incidents(COALESCE(date_start, ''), id);
