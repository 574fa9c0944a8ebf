-- SQLite: ids are INTEGER PRIMARY KEY (the rowid); instants are fixed-width
-- UTC text (2006-01-02T15:04:05.000000Z) so text order is time order; dates
-- are text 2006-01-02; booleans are 0/1.

-- The schema of kam: every record of the domain (package kam), plus sign-in
-- state and settings. Versioned records carry id, version, created_at,
-- updated_at and deleted_at (soft delete: the trash).

CREATE TABLE teams (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    name TEXT NOT NULL,
    manager_id INTEGER REFERENCES users (id)
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    team_id INTEGER REFERENCES teams (id),
    locale TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    password_hash TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE INDEX users_team_id ON users (team_id);
CREATE INDEX teams_manager_id ON teams (manager_id);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    name TEXT NOT NULL,
    prefix TEXT NOT NULL,
    hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT
);
CREATE UNIQUE INDEX api_tokens_hash_key ON api_tokens (hash);
CREATE INDEX api_tokens_user_id ON api_tokens (user_id);

CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    name TEXT NOT NULL,
    industry TEXT NOT NULL DEFAULT '',
    region TEXT NOT NULL DEFAULT '',
    employees INTEGER NOT NULL DEFAULT 0,
    annual_revenue INTEGER NOT NULL DEFAULT 0,
    parent_id INTEGER REFERENCES accounts (id),
    reorganising_since TEXT,
    owner_id INTEGER NOT NULL REFERENCES users (id),
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX accounts_owner_id ON accounts (owner_id);
CREATE INDEX accounts_parent_id ON accounts (parent_id);
CREATE INDEX accounts_updated_at ON accounts (updated_at);

CREATE TABLE account_shares (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    team_id INTEGER NOT NULL REFERENCES teams (id),
    access TEXT NOT NULL,
    PRIMARY KEY (account_id, team_id)
);
CREATE INDEX account_shares_team_id ON account_shares (team_id, account_id);

CREATE TABLE account_relations (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    from_account_id INTEGER NOT NULL REFERENCES accounts (id),
    to_account_id INTEGER NOT NULL REFERENCES accounts (id),
    kind TEXT NOT NULL
);
CREATE INDEX account_relations_from ON account_relations (from_account_id);
CREATE INDEX account_relations_to ON account_relations (to_account_id);

CREATE TABLE org_units (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    name TEXT NOT NULL,
    parent_id INTEGER REFERENCES org_units (id)
);
CREATE INDEX org_units_account_id ON org_units (account_id);
CREATE INDEX org_units_parent_id ON org_units (parent_id);

CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    name TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    org_unit_id INTEGER REFERENCES org_units (id),
    seniority TEXT NOT NULL,
    reports_to_id INTEGER REFERENCES contacts (id),
    status TEXT NOT NULL,
    status_date TEXT,
    in_post_since TEXT,
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    personal_notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX contacts_account_id ON contacts (account_id);
CREATE INDEX contacts_org_unit_id ON contacts (org_unit_id);
CREATE INDEX contacts_reports_to_id ON contacts (reports_to_id);

CREATE TABLE contact_links (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    from_contact_id INTEGER NOT NULL REFERENCES contacts (id),
    to_contact_id INTEGER NOT NULL REFERENCES contacts (id),
    kind TEXT NOT NULL
);
CREATE INDEX contact_links_from ON contact_links (from_contact_id);
CREATE INDEX contact_links_to ON contact_links (to_contact_id);

CREATE TABLE opportunities (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    name TEXT NOT NULL,
    product TEXT NOT NULL DEFAULT '',
    amount INTEGER NOT NULL DEFAULT 0,
    currency TEXT NOT NULL DEFAULT '',
    close_date TEXT,
    level TEXT NOT NULL,
    position INTEGER,
    engaged_on TEXT,
    tender_published_on TEXT,
    competitors TEXT NOT NULL DEFAULT '',
    owner_id INTEGER NOT NULL REFERENCES users (id),
    our_win TEXT NOT NULL DEFAULT '',
    closed_on TEXT,
    reached_level TEXT NOT NULL DEFAULT ''
);
CREATE INDEX opportunities_account_id ON opportunities (account_id);
-- The funnel: open deals per owner and level, closed deals per close day.
CREATE INDEX opportunities_owner_level ON opportunities (owner_id, level, close_date);
CREATE INDEX opportunities_level_close ON opportunities (level, close_date);
CREATE INDEX opportunities_closed_on ON opportunities (closed_on);
-- Funnel totals over a team read only this index: deals of visible accounts
-- by level and close date, with owner and amount.
CREATE INDEX opportunities_funnel ON opportunities (account_id, level, close_date, owner_id, amount, deleted_at) WHERE deleted_at IS NULL;

CREATE TABLE level_changes (
    id INTEGER PRIMARY KEY,
    opportunity_id INTEGER NOT NULL REFERENCES opportunities (id),
    from_level TEXT NOT NULL,
    to_level TEXT NOT NULL,
    at TEXT NOT NULL,
    by_user_id INTEGER REFERENCES users (id)
);
CREATE INDEX level_changes_opportunity_id ON level_changes (opportunity_id);
CREATE INDEX level_changes_by_user_id ON level_changes (by_user_id);

CREATE TABLE buying_influences (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    opportunity_id INTEGER NOT NULL REFERENCES opportunities (id),
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    roles TEXT NOT NULL DEFAULT '[]',
    influence TEXT NOT NULL,
    rating INTEGER,
    contact_level TEXT NOT NULL,
    mode TEXT NOT NULL,
    personal_win TEXT NOT NULL DEFAULT '',
    business_result TEXT NOT NULL DEFAULT '',
    evidence TEXT NOT NULL DEFAULT '',
    vito INTEGER NOT NULL DEFAULT 0,
    counterpart_id INTEGER REFERENCES users (id),
    relationship_level TEXT NOT NULL DEFAULT ''
);
-- A person holds one place per opportunity; deleted places do not count.
CREATE UNIQUE INDEX buying_influences_opportunity_contact ON buying_influences (opportunity_id, contact_id) WHERE deleted_at IS NULL;
CREATE INDEX buying_influences_opportunity_id ON buying_influences (opportunity_id);
CREATE INDEX buying_influences_contact_id ON buying_influences (contact_id);
CREATE INDEX buying_influences_counterpart_id ON buying_influences (counterpart_id);

CREATE TABLE swot_items (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    opportunity_id INTEGER NOT NULL REFERENCES opportunities (id),
    kind TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX swot_items_opportunity_id ON swot_items (opportunity_id);

CREATE TABLE actions (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    opportunity_id INTEGER NOT NULL REFERENCES opportunities (id),
    title TEXT NOT NULL,
    owner_id INTEGER REFERENCES users (id),
    due TEXT,
    status TEXT NOT NULL,
    target_influence_id INTEGER REFERENCES buying_influences (id),
    addresses_rules TEXT NOT NULL DEFAULT '[]',
    strength_id INTEGER REFERENCES swot_items (id)
);
CREATE INDEX actions_opportunity_id ON actions (opportunity_id);
CREATE INDEX actions_owner_id ON actions (owner_id, status, due);
CREATE INDEX actions_target_influence_id ON actions (target_influence_id);
CREATE INDEX actions_strength_id ON actions (strength_id);

-- The contacts taking part in an action, in the order given.
CREATE TABLE action_participants (
    action_id INTEGER NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    pos INTEGER NOT NULL,
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    PRIMARY KEY (action_id, pos)
);
CREATE INDEX action_participants_contact_id ON action_participants (contact_id);

CREATE TABLE interactions (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    opportunity_id INTEGER NOT NULL REFERENCES opportunities (id),
    kind TEXT NOT NULL,
    at TEXT NOT NULL,
    objective TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX interactions_opportunity_id ON interactions (opportunity_id, at);

-- Our users taking part in an interaction.
CREATE TABLE interaction_users (
    interaction_id INTEGER NOT NULL REFERENCES interactions (id) ON DELETE CASCADE,
    pos INTEGER NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (interaction_id, pos)
);
CREATE INDEX interaction_users_user_id ON interaction_users (user_id);

-- Each buyer's reaction in an interaction: "interactions with contact X" is
-- one indexed query.
CREATE TABLE interaction_feedback (
    interaction_id INTEGER NOT NULL REFERENCES interactions (id) ON DELETE CASCADE,
    pos INTEGER NOT NULL,
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    feedback TEXT NOT NULL,
    PRIMARY KEY (interaction_id, pos)
);
CREATE INDEX interaction_feedback_contact_id ON interaction_feedback (contact_id);

CREATE TABLE criteria (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    weight INTEGER NOT NULL
);

CREATE TABLE criterion_ratings (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    criterion_id INTEGER NOT NULL REFERENCES criteria (id),
    rating INTEGER NOT NULL,
    PRIMARY KEY (account_id, criterion_id)
);
CREATE INDEX criterion_ratings_criterion_id ON criterion_ratings (criterion_id);

CREATE TABLE quotas (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    user_id INTEGER REFERENCES users (id),
    team_id INTEGER REFERENCES teams (id),
    period TEXT NOT NULL,
    amount INTEGER NOT NULL,
    currency TEXT NOT NULL DEFAULT ''
);
CREATE INDEX quotas_user_id ON quotas (user_id, period);
CREATE INDEX quotas_team_id ON quotas (team_id, period);

CREATE TABLE accepted_findings (
    id INTEGER PRIMARY KEY,
    opportunity_id INTEGER NOT NULL REFERENCES opportunities (id),
    rule_id TEXT NOT NULL,
    subject TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    by_user_id INTEGER REFERENCES users (id),
    at TEXT NOT NULL
);
CREATE INDEX accepted_findings_opportunity_id ON accepted_findings (opportunity_id);
CREATE INDEX accepted_findings_by_user_id ON accepted_findings (by_user_id);

-- The audit trail keeps the actor's id without a foreign key: the record of
-- who did what outlives the user.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user_id INTEGER NOT NULL DEFAULT 0,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER NOT NULL DEFAULT 0,
    before_json TEXT NOT NULL DEFAULT '',
    after_json TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);
CREATE INDEX audit_log_user_id ON audit_log (user_id, id);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    user_agent TEXT NOT NULL DEFAULT '',
    ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user_id ON sessions (user_id);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

CREATE TABLE login_throttles (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL DEFAULT 0,
    last_failure TEXT,
    locked_until TEXT
);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
