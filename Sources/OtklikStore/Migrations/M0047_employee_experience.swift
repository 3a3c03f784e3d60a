extension Migrations {
    /// Pulse surveys to staff with eNPS under enforced anonymity (issue 20 item 5). An invitation keeps who was invited,
    /// the group fixed at the start and whether they answered — and only the SHA-256 of their one-time link's token;
    /// an answer keeps the group, the score and the comment, and nothing that points to the staff member or the
    /// invitation (no staff code, no token, no time), so the two tables cannot be joined.
    ///
    /// Recognition: thanks between colleagues (`from_staff` → `to_staff`, idempotent by the client's id) and customer
    /// praise passed on (`feedback_id` unique: one recognition per positive feedback naming a staff member; no foreign
    /// key and no copy of the comment, so retention and erasure of feedback stay as they are — the comment is read
    /// from the feedback while it exists).
    static let v47EmployeeExperience = Migration("0047_employee_experience", [
        """
        CREATE TABLE pulse_surveys (
            code TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            grouping TEXT NOT NULL CHECK (grouping IN ('location', 'team')),
            minimum_group INTEGER NOT NULL CHECK (minimum_group >= 5),
            status TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
            created_at BIGINT NOT NULL,
            started_at BIGINT,
            closed_at BIGINT
        )
        """,
        """
        CREATE TABLE pulse_invitations (
            token_hash TEXT PRIMARY KEY,
            survey_code TEXT NOT NULL REFERENCES pulse_surveys (code),
            staff_code TEXT NOT NULL REFERENCES staff (code),
            group_code TEXT,
            answered SMALLINT NOT NULL DEFAULT 0,
            UNIQUE (survey_code, staff_code)
        )
        """,
        """
        CREATE TABLE pulse_answers (
            id TEXT PRIMARY KEY,
            survey_code TEXT NOT NULL REFERENCES pulse_surveys (code),
            group_code TEXT,
            score SMALLINT NOT NULL CHECK (score BETWEEN 0 AND 10),
            comment TEXT
        )
        """,
        "CREATE INDEX pulse_answers_survey ON pulse_answers (survey_code)",
        """
        CREATE TABLE recognitions (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('thanks', 'customer_praise')),
            from_staff TEXT REFERENCES staff (code),
            to_staff TEXT NOT NULL REFERENCES staff (code),
            feedback_id TEXT UNIQUE,
            basis TEXT,
            text TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX recognitions_to ON recognitions (to_staff, created_at)",
    ])
}
