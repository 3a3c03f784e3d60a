extension Migrations {
    /// SLA targets per case type and location, in order.
    static let v13SLAPolicies = Migration("0013_sla_policies", [
        """
        CREATE TABLE sla_policies (
            position INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            case_type TEXT CHECK (case_type IN ('complaint', 'low_score')),
            location_code TEXT REFERENCES locations (code),
            first_response_hours DOUBLE PRECISION NOT NULL,
            resolution_hours DOUBLE PRECISION NOT NULL
        )
        """,
    ])
}
