-- Events keep the offsets of their trigger words (evidence for the event, as for every other
-- item); an event's place keeps its toponym's offsets inside the place JSON (no column).
ALTER TABLE events ADD COLUMN trigger_start INTEGER;
ALTER TABLE events ADD COLUMN trigger_end INTEGER;
