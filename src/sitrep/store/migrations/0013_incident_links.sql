-- sitrep schema 13: how strongly the linker tied each report of an incident to the others (issue 11,
-- branch link1). `links`: JSON list of {document, strength, to, linked} (``incidents.records.ReportLink``);
-- `weakest_link`: the smallest strength (null for a one-report incident). Incidents stored before
-- schema 13 read an empty list and null until the next update rebuilds them (the linker code version
-- changed with this schema, so the next `sitrep incidents` or `sitrep run` rebuilds them).

ALTER TABLE incidents ADD COLUMN links TEXT NOT NULL DEFAULT '[]';
ALTER TABLE incidents ADD COLUMN weakest_link REAL;
