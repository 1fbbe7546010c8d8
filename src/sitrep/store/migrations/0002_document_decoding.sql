-- sitrep schema 2: how each document was decoded and what furniture was removed from it.
-- encoding: the codec used for the input's bytes (NULL when the text came decoded);
-- replaced: characters replaced by U+FFFD (undecodable bytes, lone surrogates, control characters);
-- removed: JSON list of {start, end, kind} spans of raw_text taken out as web-page furniture.

ALTER TABLE documents ADD COLUMN encoding TEXT;
ALTER TABLE documents ADD COLUMN replaced INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN removed TEXT NOT NULL DEFAULT '[]';
