extension Migrations {
    /// Case priorities (set by rule at opening, changeable), backfilled for existing cases by the same rule; SLA
    /// policies may match on priority (the table is rebuilt to widen its type check for employee cases).
    static let v16cCasePriority = Migration("0016c_case_priority", [
        "ALTER TABLE cases ADD COLUMN priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent'))",
        "UPDATE cases SET priority = 'low' WHERE feedback_id IN (SELECT id FROM feedback WHERE kind <> 'complaint')",
        "UPDATE cases SET priority = 'high' WHERE feedback_id IN (SELECT id FROM feedback WHERE csat = 1 OR nps <= 2)",
        "CREATE INDEX cases_priority ON cases (priority, status)",
        """
        CREATE TABLE sla_policies_v2 (
            position INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            case_type TEXT CHECK (case_type IN ('complaint', 'low_score', 'employee')),
            location_code TEXT REFERENCES locations (code),
            priority TEXT CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
            first_response_hours DOUBLE PRECISION NOT NULL,
            resolution_hours DOUBLE PRECISION NOT NULL
        )
        """,
        """
        INSERT INTO sla_policies_v2 (position, name, case_type, location_code, first_response_hours, resolution_hours)
        SELECT position, name, case_type, location_code, first_response_hours, resolution_hours FROM sla_policies
        """,
        "DROP TABLE sla_policies",
        "ALTER TABLE sla_policies_v2 RENAME TO sla_policies",
    ])
}
