-- sitrep schema 11: the run-on furniture kept as document context only (Document.context, branch
-- furniture2): JSON list of {raw_from, raw_to, text} spans of raw_text whose names the stages may use
-- as document-level evidence (the state a document is about), never as records of their own.
-- Documents stored before have none.

ALTER TABLE documents ADD COLUMN context TEXT NOT NULL DEFAULT '[]';
