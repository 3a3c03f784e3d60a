extension Migrations {
    /// Leases on background jobs: with several servers on one database each job runs in one of them at a time.
    static let v17ServiceLeases = Migration("0017_service_leases", [
        "CREATE TABLE service_leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at BIGINT NOT NULL)",
    ])
}
