extension Migrations {
    /// Employee voice: issues and ideas about internal processes, each opening a case of kind `employee` (so a case
    /// no longer needs a feedback record) that the employee follows through a status link. Cases get their kind.
    /// SQLite cannot drop NOT NULL, so it rebuilds `cases` with deferred foreign keys (its children keep pointing at it).
    static let v16eEmployeeVoice = Migration(
        "0016e_employee_voice",
        [
            """
            CREATE TABLE employee_issues (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind IN ('issue', 'idea')),
                staff_code TEXT REFERENCES staff (code),
                location_code TEXT REFERENCES locations (code),
                topic TEXT,
                text TEXT NOT NULL,
                status_token TEXT NOT NULL UNIQUE,
                created_at BIGINT NOT NULL
            )
            """,
        ],
        dialectStatements: [
            .postgres: [
                "ALTER TABLE cases ALTER COLUMN feedback_id DROP NOT NULL",
                "ALTER TABLE cases ADD COLUMN kind TEXT NOT NULL DEFAULT 'complaint' CHECK (kind IN ('complaint', 'low_score', 'employee'))",
                "ALTER TABLE cases ADD COLUMN issue_id TEXT UNIQUE REFERENCES employee_issues (id)",
                "UPDATE cases SET kind = 'low_score' WHERE feedback_id IN (SELECT id FROM feedback WHERE kind <> 'complaint')",
            ],
            .sqlite: [
                "PRAGMA defer_foreign_keys = ON",
                "CREATE TABLE cases_copy AS SELECT * FROM cases",
                "DROP TABLE cases",
                """
                CREATE TABLE cases (
                    id TEXT PRIMARY KEY,
                    feedback_id TEXT UNIQUE REFERENCES feedback (id),
                    location_code TEXT REFERENCES locations (code),
                    staff_code TEXT REFERENCES staff (code),
                    owner TEXT,
                    status TEXT NOT NULL CHECK (status IN ('new', 'in_progress', 'waiting_for_customer', 'resolved', 'closed')),
                    opened_at BIGINT NOT NULL,
                    due_at BIGINT NOT NULL,
                    resolved_at BIGINT,
                    resolution_code TEXT,
                    called_back_at BIGINT,
                    first_response_due_at BIGINT,
                    first_response_at BIGINT,
                    paused_at BIGINT,
                    escalation_level INTEGER NOT NULL DEFAULT 0,
                    warned_at BIGINT,
                    breached_at BIGINT,
                    priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
                    kind TEXT NOT NULL DEFAULT 'complaint' CHECK (kind IN ('complaint', 'low_score', 'employee')),
                    issue_id TEXT UNIQUE REFERENCES employee_issues (id)
                )
                """,
                """
                INSERT INTO cases (id, feedback_id, location_code, staff_code, owner, status, opened_at, due_at, resolved_at, resolution_code, called_back_at, first_response_due_at, first_response_at, paused_at, escalation_level, warned_at, breached_at, priority, kind)
                SELECT id, feedback_id, location_code, staff_code, owner, status, opened_at, due_at, resolved_at, resolution_code, called_back_at, first_response_due_at, first_response_at, paused_at, escalation_level, warned_at, breached_at, priority, CASE WHEN feedback_id IN (SELECT id FROM feedback WHERE kind <> 'complaint') THEN 'low_score' ELSE 'complaint' END
                FROM cases_copy
                """,
                "DROP TABLE cases_copy",
                "CREATE INDEX cases_status_due ON cases (status, due_at)",
                "CREATE INDEX cases_location ON cases (location_code, opened_at)",
                "CREATE INDEX cases_priority ON cases (priority, status)",
            ],
        ])
}
