-- Quotes keep the offsets of the phrase their speaker was read from ("he" in "he said",
-- "the ministry" in "the ministry said"): evidence for the speaker, as for every other item.
ALTER TABLE quotes ADD COLUMN speaker_start INTEGER;
ALTER TABLE quotes ADD COLUMN speaker_end INTEGER;
