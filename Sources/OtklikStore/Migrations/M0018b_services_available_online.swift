extension Migrations {
    /// Whether a service can be obtained online (seed 000's share of services available online); NULL = not stated.
    static let v18bServicesAvailableOnline = Migration("0018b_services_available_online", [
        "ALTER TABLE services ADD COLUMN available_online SMALLINT CHECK (available_online IN (0, 1))",
    ])
}
