-- sitrep schema 9: the quote lists of `sitrep serve` read one index range per page, like the
-- event and document lists since migration 0008 (EXPLAIN QUERY PLAN checked in
-- tests/test_serve_fast.py). Kept in sync by triggers.
--
-- quotes_speaker_id: a speaker's quotes in id order (the list's order); before, every quote of
--   the speaker was read and sorted to give the first 50 (3.3 ms of CPU on 100,000 documents
--   for a speaker with 1,200 quotes, growing with the corpus).
-- quote_index: per quote its report's outlet (document_index.outlet), so an outlet's quotes
--   come in id order from one index range; before, every quote of the outlet was read and
--   sorted (4.9 ms for an outlet with 2,400 quotes).

CREATE INDEX quotes_speaker_id ON quotes(speaker, id);

CREATE TABLE quote_index (
    quote  TEXT PRIMARY KEY,
    outlet TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX quote_index_outlet ON quote_index(outlet, quote);
INSERT OR REPLACE INTO quote_index (quote, outlet)
    SELECT q.id, COALESCE(x.outlet, q.document) FROM quotes q LEFT JOIN document_index x ON x.document = q.document;
CREATE TRIGGER quote_index_insert AFTER INSERT ON quotes BEGIN
    INSERT OR REPLACE INTO quote_index (quote, outlet)
        VALUES (NEW.id, COALESCE((SELECT outlet FROM document_index WHERE document = NEW.document), NEW.document));
END;
CREATE TRIGGER quote_index_delete AFTER DELETE ON quotes BEGIN
    DELETE FROM quote_index WHERE quote = OLD.id;
END;
CREATE TRIGGER quote_index_outlet AFTER UPDATE OF outlet ON document_index BEGIN
    UPDATE quote_index SET outlet = NEW.outlet WHERE quote IN (SELECT id FROM quotes WHERE document = NEW.document);
END;
