-- sitrep schema 8: what `sitrep serve`'s filtered lists need to read one page from an index
-- range instead of every match (events by actor or by place, documents by actor, newest first).
-- All kept in sync by triggers, like the lookup tables of migration 0006.
--
-- event_index.place: the name of the event's place (the place filter compared the name inside
--   every event's JSON, newest first, until a page was full).
-- event_actors.day: the event's day (event_index.day), so an actor's events come newest first
--   from one index range (before: every event of the actor was read, then sorted).
-- actor_documents: one row per actor and document that mentions it, with the document's day
--   (documents_index.day): documents mentioning an actor, newest first.

ALTER TABLE event_index ADD COLUMN place TEXT;
UPDATE event_index SET place = (SELECT json_extract(e.place, '$.name') FROM events e WHERE e.id = event_index.event);
CREATE INDEX event_index_place ON event_index(place COLLATE NOCASE, day, event);

ALTER TABLE event_actors ADD COLUMN day TEXT NOT NULL DEFAULT '';
UPDATE event_actors SET day = COALESCE((SELECT x.day FROM event_index x WHERE x.event = event_actors.event), '');
CREATE INDEX event_actors_actor_day ON event_actors(actor, day, event);

-- the insert trigger of 0006 with the two new columns
DROP TRIGGER event_index_insert;
CREATE TRIGGER event_index_insert AFTER INSERT ON events BEGIN
    INSERT OR REPLACE INTO event_index (event, document, category, status, day, outlet, lat, lon, place)
    SELECT NEW.id, NEW.document, NEW.category, NEW.status,
           CASE WHEN json_extract(NEW.date, '$.value') GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'
                    THEN substr(json_extract(NEW.date, '$.value'), 1, 10)
                WHEN json_extract(NEW.date, '$.value') GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
                    THEN json_extract(NEW.date, '$.value') || '-01'
                WHEN json_extract(NEW.date, '$.value') GLOB '[0-9][0-9][0-9][0-9]'
                    THEN json_extract(NEW.date, '$.value') || '-01-01'
                ELSE COALESCE(di.day, '') END,
           COALESCE(di.outlet, NEW.document),
           json_extract(NEW.place, '$.lat'), json_extract(NEW.place, '$.lon'), json_extract(NEW.place, '$.name')
    FROM (SELECT 1) LEFT JOIN document_index di ON di.document = NEW.document;
    INSERT OR IGNORE INTO event_actors (event, actor, role, day)
        SELECT NEW.id, value, 'actor', COALESCE((SELECT day FROM event_index WHERE event = NEW.id), '')
        FROM json_each(NEW.actors);
    INSERT OR IGNORE INTO event_actors (event, actor, role, day)
        SELECT NEW.id, value, 'recipient', COALESCE((SELECT day FROM event_index WHERE event = NEW.id), '')
        FROM json_each(NEW.recipients);
END;

CREATE TABLE actor_documents (
    actor    TEXT NOT NULL,
    document TEXT NOT NULL,
    day      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (actor, document)
) WITHOUT ROWID;
CREATE INDEX actor_documents_day ON actor_documents(actor, day, document);
CREATE INDEX actor_documents_document ON actor_documents(document);
INSERT OR IGNORE INTO actor_documents (actor, document, day)
    SELECT m.actor, m.document, COALESCE(x.day, '') FROM mentions m LEFT JOIN document_index x ON x.document = m.document;
CREATE TRIGGER actor_documents_insert AFTER INSERT ON mentions BEGIN
    INSERT OR IGNORE INTO actor_documents (actor, document, day)
        VALUES (NEW.actor, NEW.document, COALESCE((SELECT day FROM document_index WHERE document = NEW.document), ''));
END;
CREATE TRIGGER actor_documents_delete AFTER DELETE ON mentions BEGIN
    DELETE FROM actor_documents WHERE actor = OLD.actor AND document = OLD.document
        AND NOT EXISTS (SELECT 1 FROM mentions WHERE document = OLD.document AND actor = OLD.actor);
END;
CREATE TRIGGER actor_documents_day AFTER UPDATE OF day ON document_index BEGIN
    UPDATE actor_documents SET day = NEW.day WHERE document = NEW.document;
END;
