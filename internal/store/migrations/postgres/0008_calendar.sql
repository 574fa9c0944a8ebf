-- The secret of each user's calendar feed (/calendar/{secret}.ics), kept as
-- a hash like API tokens: revoked by clearing or replacing it.
ALTER TABLE users ADD COLUMN calendar_secret_hash TEXT NOT NULL DEFAULT '';
CREATE INDEX users_calendar_secret_hash ON users (calendar_secret_hash);
