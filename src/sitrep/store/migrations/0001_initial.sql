-- sitrep schema 1: documents, skipped inputs, and every analysis record type.
-- Offsets (start, end) are character offsets into documents.text.
-- JSON columns hold lists and nested records (see sitrep/records.py).

CREATE TABLE documents (
    id              TEXT PRIMARY KEY,
    sha256          TEXT NOT NULL UNIQUE,
    text            TEXT NOT NULL,
    title           TEXT,
    author          TEXT,
    publisher       TEXT,
    published       TEXT,
    dateline        TEXT,
    url             TEXT,
    source_path     TEXT,
    language        TEXT,
    status          TEXT NOT NULL CHECK (status IN ('ingested', 'analyzed', 'skipped', 'failed')),
    reason          TEXT,
    raw_text        TEXT,
    char_map        TEXT NOT NULL DEFAULT '[]',
    captions        TEXT NOT NULL DEFAULT '[]',
    footer          TEXT,
    version         INTEGER NOT NULL DEFAULT 1,
    previous        TEXT REFERENCES documents(id),
    pipeline_version TEXT,
    ingested_at     TEXT NOT NULL,
    analyzed_at     TEXT
);
CREATE INDEX documents_status ON documents(status, pipeline_version);
CREATE INDEX documents_source ON documents(source_path);
CREATE INDEX documents_url ON documents(url);

-- inputs that never became documents (empty, binary, undecodable, too large, unreachable URL ...)
CREATE TABLE skips (
    rowid_      INTEGER PRIMARY KEY,
    source      TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('skipped', 'failed')),
    reason      TEXT NOT NULL,
    document    TEXT,
    at          TEXT NOT NULL
);
CREATE UNIQUE INDEX skips_source ON skips(source);

CREATE TABLE sentences (
    document TEXT NOT NULL REFERENCES documents(id),
    "index"  INTEGER NOT NULL,
    start    INTEGER NOT NULL,
    "end"    INTEGER NOT NULL,
    text     TEXT NOT NULL,
    PRIMARY KEY (document, "index")
);

CREATE TABLE entities (
    document TEXT NOT NULL REFERENCES documents(id),
    start    INTEGER NOT NULL,
    "end"    INTEGER NOT NULL,
    text     TEXT NOT NULL,
    label    TEXT NOT NULL,
    sentence TEXT NOT NULL
);
CREATE INDEX entities_document ON entities(document);

CREATE TABLE actors (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    country     TEXT,
    sector      TEXT,
    aliases     TEXT NOT NULL DEFAULT '[]',
    wikidata    TEXT,
    provisional INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE mentions (
    document TEXT NOT NULL REFERENCES documents(id),
    actor    TEXT NOT NULL,
    start    INTEGER NOT NULL,
    "end"    INTEGER NOT NULL,
    text     TEXT NOT NULL,
    sentence TEXT NOT NULL,
    method   TEXT NOT NULL
);
CREATE INDEX mentions_document ON mentions(document);
CREATE INDEX mentions_actor ON mentions(actor);

CREATE TABLE times (
    document  TEXT NOT NULL REFERENCES documents(id),
    start     INTEGER NOT NULL,
    "end"     INTEGER NOT NULL,
    text      TEXT NOT NULL,
    sentence  TEXT NOT NULL,
    type      TEXT NOT NULL,
    value     TEXT,
    precision TEXT,
    anchor    TEXT,
    fuzzy     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX times_document ON times(document);

CREATE TABLE places (
    document    TEXT NOT NULL REFERENCES documents(id),
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        TEXT NOT NULL,
    sentence    TEXT NOT NULL,
    name        TEXT NOT NULL,
    lat         REAL,
    lon         REAL,
    country     TEXT,
    admin1      TEXT,
    geonames_id INTEGER,
    level       INTEGER
);
CREATE INDEX places_document ON places(document);

CREATE TABLE events (
    id            TEXT PRIMARY KEY,
    document      TEXT NOT NULL REFERENCES documents(id),
    category      TEXT NOT NULL,
    status        TEXT NOT NULL,
    evidence      TEXT NOT NULL,
    trigger       TEXT NOT NULL,
    mode          TEXT,
    actors        TEXT NOT NULL DEFAULT '[]',
    recipients    TEXT NOT NULL DEFAULT '[]',
    place         TEXT,
    date          TEXT,
    attributed_to TEXT,
    confidence    REAL NOT NULL
);
CREATE INDEX events_document ON events(document);

CREATE TABLE quotes (
    id           TEXT PRIMARY KEY,
    document     TEXT NOT NULL REFERENCES documents(id),
    text         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    sentence     TEXT NOT NULL,
    speaker      TEXT,
    speaker_text TEXT,
    cue          TEXT
);
CREATE INDEX quotes_document ON quotes(document);

CREATE TABLE scare_quotes (
    document    TEXT NOT NULL REFERENCES documents(id),
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        TEXT NOT NULL,
    sentence    TEXT NOT NULL,
    attached_to TEXT
);
CREATE INDEX scare_quotes_document ON scare_quotes(document);

CREATE TABLE framings (
    document     TEXT NOT NULL REFERENCES documents(id),
    actor        TEXT NOT NULL,
    labels       TEXT NOT NULL DEFAULT '[]',
    sentiment    TEXT,
    loaded_terms TEXT NOT NULL DEFAULT '[]',
    evidence     TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (document, actor)
);
