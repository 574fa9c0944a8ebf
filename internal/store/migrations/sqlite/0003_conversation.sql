-- The conversation around a deal (issue 11): call plans with their
-- attendees and SPIN questions, the needs buyers voiced, deal reviews with a
-- snapshot of the judgement, the VITO plan, and what each buyer said in a
-- debriefed call.

CREATE TABLE call_plans (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    opportunity_id INTEGER NOT NULL REFERENCES opportunities (id),
    kind TEXT NOT NULL,
    at TEXT NOT NULL,
    user_ids TEXT NOT NULL DEFAULT '[]',
    business_reason TEXT NOT NULL DEFAULT '',
    best_commitment TEXT NOT NULL DEFAULT '',
    minimum_commitment TEXT NOT NULL DEFAULT '',
    commitment_due TEXT,
    give TEXT NOT NULL DEFAULT '',
    learn TEXT NOT NULL DEFAULT '',
    interaction_id INTEGER REFERENCES interactions (id),
    commitment_obtained TEXT NOT NULL DEFAULT '',
    commitment_met TEXT NOT NULL DEFAULT '',
    proposal_decisions TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX call_plans_opportunity_id ON call_plans (opportunity_id, at);
CREATE INDEX call_plans_interaction_id ON call_plans (interaction_id);

-- The customer's attendees of a planned call, each with the questions to
-- ask them (a JSON list of {kind, text}).
CREATE TABLE call_plan_attendees (
    call_plan_id INTEGER NOT NULL REFERENCES call_plans (id) ON DELETE CASCADE,
    pos INTEGER NOT NULL,
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    questions TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (call_plan_id, pos)
);
CREATE INDEX call_plan_attendees_contact_id ON call_plan_attendees (contact_id);

CREATE TABLE needs (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    opportunity_id INTEGER NOT NULL REFERENCES opportunities (id),
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    kind TEXT NOT NULL,
    words TEXT NOT NULL,
    heard_at TEXT NOT NULL,
    linked_to_result INTEGER NOT NULL DEFAULT 0,
    interaction_id INTEGER REFERENCES interactions (id)
);
CREATE INDEX needs_opportunity_id ON needs (opportunity_id, contact_id);
CREATE INDEX needs_contact_id ON needs (contact_id);

-- A deal review; snapshot is the JSON of kam.ReviewSnapshot.
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    opportunity_id INTEGER NOT NULL REFERENCES opportunities (id),
    at TEXT NOT NULL,
    manager_id INTEGER REFERENCES users (id),
    seller_id INTEGER REFERENCES users (id),
    notes TEXT NOT NULL DEFAULT '',
    agreed_actions TEXT NOT NULL DEFAULT '[]',
    snapshot TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX reviews_opportunity_id ON reviews (opportunity_id, at);

-- At most one live VITO plan per deal.
CREATE TABLE vito_plans (
    id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT,
    opportunity_id INTEGER NOT NULL REFERENCES opportunities (id),
    contact_id INTEGER REFERENCES contacts (id),
    contacted_on TEXT,
    executive_name TEXT NOT NULL DEFAULT '',
    executive_title TEXT NOT NULL DEFAULT '',
    referral_path TEXT NOT NULL DEFAULT '[]',
    notes TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX vito_plans_opportunity_id ON vito_plans (opportunity_id) WHERE deleted_at IS NULL;

-- What each buyer said in a debriefed call.
ALTER TABLE interaction_feedback ADD COLUMN said TEXT NOT NULL DEFAULT '';
