extension Migrations {
    /// Bulk case actions remembered by their client id (a repeat returns the first result), and assignment rules:
    /// ordered matches on case type, location, reason and priority that name the owner of a new case.
    static let v16dBulkAndAssignment = Migration("0016d_bulk_and_assignment", [
        """
        CREATE TABLE case_bulk_requests (
            id TEXT PRIMARY KEY,
            changed TEXT NOT NULL,
            unchanged TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE assignment_rules (
            position INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            case_type TEXT CHECK (case_type IN ('complaint', 'low_score', 'employee')),
            location_code TEXT REFERENCES locations (code),
            reason TEXT,
            priority TEXT CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
            owner TEXT NOT NULL REFERENCES staff (code)
        )
        """,
    ])
}
