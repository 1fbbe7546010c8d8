-- sitrep schema 4: casualty figures (issue 12).
-- An event's own figures are a JSON list in events.casualties; the figures that belong to no
-- event (earlier incidents, war-wide totals, incident figures without an event) are rows of
-- the casualties table. Offsets (start, end, source_start, source_end) index documents.text.

ALTER TABLE events ADD COLUMN casualties TEXT NOT NULL DEFAULT '[]';

CREATE TABLE casualties (
    id            TEXT PRIMARY KEY,
    document      TEXT NOT NULL REFERENCES documents(id),
    kind          TEXT NOT NULL CHECK (kind IN ('killed', 'injured', 'missing', 'abducted', 'arrested', 'displaced')),
    victims       TEXT NOT NULL,
    best          INTEGER NOT NULL,
    start         INTEGER NOT NULL,
    "end"         INTEGER NOT NULL,
    text          TEXT NOT NULL,
    evidence      TEXT NOT NULL,
    low           INTEGER,
    high          INTEGER,
    approximate   INTEGER NOT NULL DEFAULT 0,
    side          TEXT,
    scope         TEXT NOT NULL CHECK (scope IN ('incident', 'background', 'war_total')),
    event         TEXT,
    subset_of     TEXT,
    superseded    INTEGER NOT NULL DEFAULT 0,
    attributed_to TEXT,
    source_text   TEXT,
    source_start  INTEGER,
    source_end    INTEGER
);
CREATE INDEX casualties_document ON casualties(document);
