extension Migrations {
    /// Escalation rules: ordered matches on case type, location, reason, priority and CSAT that send a case straight
    /// to a level of the escalation ladder when it opens or its priority changes.
    static let v18EscalationRules = Migration("0018_escalation_rules", [
        """
        CREATE TABLE escalation_rules (
            position INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            case_type TEXT CHECK (case_type IN ('complaint', 'low_score', 'employee')),
            location_code TEXT REFERENCES locations (code),
            reason TEXT,
            priority TEXT CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
            csat_at_most INTEGER CHECK (csat_at_most BETWEEN 1 AND 5),
            escalate_to TEXT NOT NULL CHECK (escalate_to IN ('manager', 'regional_manager', 'cx_director'))
        )
        """,
    ])
}
