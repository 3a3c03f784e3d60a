extension Migrations {
    /// Identities too widely shared to be evidence of one customer (issue 18 item 1, ``PhoneSuperNodes``): a phone that
    /// an import found on ``IdentityRules/superNodeThreshold`` or more anchored customers (a shared office phone). The
    /// import links and merges no one by it, attaches it to no one, and a later import keeps it so; `customers` is the
    /// largest number of customers it was found on, `first_seen_at` when (milliseconds since 1970).
    static let v58CustomerSuperNodes = Migration("0058_customer_super_nodes", [
        """
        CREATE TABLE customer_super_nodes (
            kind TEXT NOT NULL,
            value TEXT NOT NULL,
            customers INTEGER NOT NULL,
            first_seen_at BIGINT NOT NULL,
            PRIMARY KEY (kind, value)
        )
        """,
    ])
}
