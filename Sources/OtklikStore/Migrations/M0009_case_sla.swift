extension Migrations {
    /// Business-hours SLA of cases: first response, pauses while waiting for the customer, warnings,
    /// breaches and the escalation level.
    static let v9CaseSLA = Migration("0009_case_sla", [
        "ALTER TABLE cases ADD COLUMN first_response_due_at BIGINT",
        "ALTER TABLE cases ADD COLUMN first_response_at BIGINT",
        "ALTER TABLE cases ADD COLUMN paused_at BIGINT",
        "ALTER TABLE cases ADD COLUMN escalation_level INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE cases ADD COLUMN warned_at BIGINT",
        "ALTER TABLE cases ADD COLUMN breached_at BIGINT",
    ])
}
