-- A buyer may be the competitor's coach on a deal (对手的内线).
ALTER TABLE buying_influences ADD COLUMN competitor_coach BOOLEAN NOT NULL DEFAULT FALSE;
