-- Events keep what their own clause tells of a fight (branch battle3): whether the sentence tells a
-- fight (fight_told, 0 / 1) and the armed sides its fight frame names (fight_sides: a JSON list of
-- {actor, start, end, text}, offsets into documents.text). Events stored before read as no fight, no sides.
ALTER TABLE events ADD COLUMN fight_told INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN fight_sides TEXT NOT NULL DEFAULT '[]';
