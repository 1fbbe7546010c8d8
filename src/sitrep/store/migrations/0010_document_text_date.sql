-- sitrep schema 10: a document's own date as its text states it at the top (text_date: a dateline,
-- a "Published" line; NULL when the text states none) and the document creation time the stages
-- anchor on (created: the text's date when it lies far from the metadata date, else published;
-- sitrep.dates.creation_time). Documents stored before keep their metadata date as creation time.

ALTER TABLE documents ADD COLUMN text_date TEXT;
ALTER TABLE documents ADD COLUMN created TEXT;
UPDATE documents SET created = published;
