extension Migrations {
    /// Proactive programmes, issue 19 items 2-3: the programmes (their JSON definition and status), the enrolments with
    /// the hold-out arm frozen at first eligibility (`assigned_to` is the customer it was drawn for; `customer_id` moves
    /// with a merge, so the survivor keeps its own arm and inherits the absorbed one's only where it had none), each
    /// trigger's action (one per programme and trigger event: a replay finds it), and the contact ledger every cap
    /// and the survey fatigue rule consult (one row per contact: programme, survey invitation, staff call; one contact
    /// per customer and trigger event across programmes).
    static let v33Programmes = Migration("0033_programmes", [
        """
        CREATE TABLE programmes (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            definition TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('active', 'paused')),
            status_reason TEXT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE programme_enrolments (
            id TEXT PRIMARY KEY,
            programme_code TEXT NOT NULL REFERENCES programmes (code),
            customer_id TEXT NOT NULL REFERENCES customers (id),
            assigned_to TEXT NOT NULL,
            arm TEXT NOT NULL CHECK (arm IN ('treated', 'holdout')),
            first_eligible_at BIGINT NOT NULL,
            UNIQUE (programme_code, assigned_to)
        )
        """,
        "CREATE INDEX programme_enrolments_customer ON programme_enrolments (programme_code, customer_id)",
        """
        CREATE TABLE programme_actions (
            id TEXT PRIMARY KEY,
            programme_code TEXT NOT NULL REFERENCES programmes (code),
            customer_id TEXT NOT NULL REFERENCES customers (id),
            trigger_key TEXT NOT NULL,
            arm TEXT NOT NULL CHECK (arm IN ('treated', 'holdout')),
            status TEXT NOT NULL CHECK (status IN ('done', 'waiting', 'skipped', 'held_out', 'not_in_audience')),
            reason TEXT,
            channel TEXT,
            due_at BIGINT,
            acted_at BIGINT,
            created_at BIGINT NOT NULL,
            UNIQUE (programme_code, trigger_key)
        )
        """,
        "CREATE INDEX programme_actions_waiting ON programme_actions (status, due_at)",
        """
        CREATE TABLE contact_ledger (
            id TEXT PRIMARY KEY,
            customer_id TEXT NOT NULL REFERENCES customers (id),
            channel TEXT NOT NULL,
            purpose TEXT NOT NULL CHECK (purpose IN ('service', 'survey', 'marketing')),
            source TEXT NOT NULL,
            trigger_key TEXT,
            contacted_at BIGINT NOT NULL,
            UNIQUE (customer_id, trigger_key)
        )
        """,
        "CREATE INDEX contact_ledger_customer ON contact_ledger (customer_id, contacted_at)",
    ])
}
