-- Pushes (通知): the channels an admin or a manager keeps, and the outbox
-- every push is written to in the transaction of the change that caused it.
CREATE TABLE push_channels (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    team_id INTEGER REFERENCES teams (id),
    locale TEXT NOT NULL,
    url_sealed TEXT NOT NULL,
    secret_sealed TEXT NOT NULL DEFAULT '',
    events TEXT NOT NULL DEFAULT '[]',
    mentions TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE push_outbox (
    id INTEGER PRIMARY KEY,
    channel_id INTEGER NOT NULL REFERENCES push_channels (id),
    event TEXT NOT NULL,
    message TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    created_at TEXT NOT NULL,
    next_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    claimed_by TEXT NOT NULL DEFAULT '',
    claimed_until TEXT,
    last_status INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    done_at TEXT
);
CREATE INDEX push_outbox_due ON push_outbox (status, next_at);
CREATE INDEX push_outbox_channel ON push_outbox (channel_id, id);

CREATE TABLE push_attempts (
    id INTEGER PRIMARY KEY,
    outbox_id INTEGER NOT NULL REFERENCES push_outbox (id),
    at TEXT NOT NULL,
    worker TEXT NOT NULL,
    status INTEGER NOT NULL DEFAULT 0,
    error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX push_attempts_outbox ON push_attempts (outbox_id, id);
