extension Migrations {
    /// Surveys (seed 002): questions, the sampling plan's persisted state, every sampling decision (idempotent per
    /// interaction), invitations with hashed link tokens, answers, and the invitations' delivery outbox.
    static let v15Surveys = Migration("0015_surveys", [
        """
        CREATE TABLE surveys (
            code TEXT PRIMARY KEY,
            definition TEXT NOT NULL,
            purpose TEXT NOT NULL CHECK (purpose IN ('measurement', 'feedback')),
            created_at BIGINT NOT NULL,
            sampling_state TEXT,
            state_version BIGINT NOT NULL DEFAULT 0
        )
        """,
        """
        CREATE TABLE survey_questions (
            survey_code TEXT NOT NULL REFERENCES surveys (code),
            code TEXT NOT NULL,
            position INTEGER NOT NULL,
            type TEXT NOT NULL,
            factor TEXT,
            integral SMALLINT NOT NULL,
            PRIMARY KEY (survey_code, code)
        )
        """,
        """
        CREATE TABLE survey_invitations (
            id TEXT PRIMARY KEY,
            survey_code TEXT NOT NULL REFERENCES surveys (code),
            token_hash TEXT NOT NULL UNIQUE,
            interaction_id TEXT,
            customer TEXT,
            location_code TEXT,
            staff_code TEXT,
            service_code TEXT,
            channel TEXT,
            stratum TEXT,
            lang TEXT,
            status TEXT NOT NULL CHECK (status IN ('invited', 'completed', 'partial', 'refused', 'no_contact')),
            invited_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            responded_at BIGINT,
            shown TEXT
        )
        """,
        "CREATE INDEX survey_invitations_survey ON survey_invitations (survey_code, invited_at)",
        "CREATE INDEX survey_invitations_customer ON survey_invitations (customer, invited_at)",
        """
        CREATE TABLE survey_decisions (
            survey_code TEXT NOT NULL REFERENCES surveys (code),
            interaction_id TEXT NOT NULL,
            outcome TEXT NOT NULL,
            stratum TEXT NOT NULL,
            explanation TEXT NOT NULL,
            invitation_id TEXT REFERENCES survey_invitations (id),
            at BIGINT NOT NULL,
            decided_at BIGINT NOT NULL,
            PRIMARY KEY (survey_code, interaction_id)
        )
        """,
        """
        CREATE TABLE survey_answers (
            invitation_id TEXT NOT NULL REFERENCES survey_invitations (id),
            question_code TEXT NOT NULL,
            score INTEGER,
            choices TEXT,
            answer_text TEXT,
            PRIMARY KEY (invitation_id, question_code)
        )
        """,
        """
        CREATE TABLE survey_outbox (
            id TEXT PRIMARY KEY,
            invitation_id TEXT NOT NULL REFERENCES survey_invitations (id),
            token TEXT,
            recipient TEXT,
            status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at BIGINT NOT NULL,
            created_at BIGINT NOT NULL,
            sent_at BIGINT,
            last_error TEXT
        )
        """,
        "CREATE INDEX survey_outbox_due ON survey_outbox (status, next_attempt_at)",
        "CREATE INDEX survey_outbox_invitation ON survey_outbox (invitation_id)",
    ])
}
