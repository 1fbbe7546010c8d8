-- sitrep schema 4: incidents (issue 11) — one record per real-world event across reports.
-- The incident layer's state lives here so that new reports update only the incidents they
-- touch: the links between news mentions (edges), each background mention's or denial's
-- best match (attachments), and which reports were linked by which linker version.

CREATE TABLE incidents (
    id                  TEXT PRIMARY KEY,
    category            TEXT NOT NULL,
    mode                TEXT,
    actors              TEXT NOT NULL DEFAULT '[]',
    recipients          TEXT NOT NULL DEFAULT '[]',
    place               TEXT,
    date                TEXT,
    events              TEXT NOT NULL DEFAULT '[]',
    historical          TEXT NOT NULL DEFAULT '[]',
    documents           TEXT NOT NULL DEFAULT '[]',
    outlets             TEXT NOT NULL DEFAULT '[]',
    first_reported      TEXT,
    independent_sources INTEGER NOT NULL DEFAULT 0,
    status              TEXT NOT NULL,
    casualties          TEXT NOT NULL DEFAULT '[]',
    contested           TEXT NOT NULL DEFAULT '[]',
    confidence          REAL NOT NULL DEFAULT 0,
    -- query helpers (derived from the record): first day, number of reports, contested or not
    date_start          TEXT,
    n_documents         INTEGER NOT NULL DEFAULT 0,
    n_contested         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX incidents_date ON incidents(date_start);

-- event -> incident: every event that belongs to an incident, and how (news, background, denial)
CREATE TABLE incident_members (
    event    TEXT PRIMARY KEY,
    incident TEXT NOT NULL,
    document TEXT NOT NULL,
    role     TEXT NOT NULL CHECK (role IN ('news', 'background', 'denial'))
);
CREATE INDEX incident_members_incident ON incident_members(incident);
CREATE INDEX incident_members_document ON incident_members(document);

-- scored links between news mentions of two reports (at or above the linker's threshold)
CREATE TABLE incident_edges (
    a     TEXT NOT NULL,
    b     TEXT NOT NULL,
    score REAL NOT NULL,
    PRIMARY KEY (a, b)
);
CREATE INDEX incident_edges_b ON incident_edges(b);

-- a background mention's or denial's best-matching news mention (at or above the attach threshold)
CREATE TABLE incident_attachments (
    event  TEXT PRIMARY KEY,
    target TEXT NOT NULL,
    score  REAL NOT NULL
);
CREATE INDEX incident_attachments_target ON incident_attachments(target);

-- reports whose mentions are linked, with the linker version and the analysis they had then
CREATE TABLE incident_linked (
    document         TEXT PRIMARY KEY,
    linker_version   TEXT NOT NULL,
    pipeline_version TEXT
);

-- every source an input came from, also when its body duplicated a stored document
-- (a CSV row whose text another row already had): references to it still resolve
CREATE TABLE document_sources (
    source   TEXT PRIMARY KEY,
    document TEXT NOT NULL
);
INSERT OR IGNORE INTO document_sources (source, document)
    SELECT source_path, id FROM documents WHERE source_path IS NOT NULL AND source_path != '-';
