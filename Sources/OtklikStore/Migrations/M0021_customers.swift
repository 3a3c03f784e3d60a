extension Migrations {
    /// Customers explicit: a customer's own attributes (the name also lower-cased in Swift for search on both engines) and its identities (one owner per kind and normalised value);
    /// which identity linked a feedback or a survey invitation to its customer; invitations reference the customer.
    static let v21Customers = Migration("0021_customers", [
        "ALTER TABLE customers ADD COLUMN display_name TEXT",
        "ALTER TABLE customers ADD COLUMN search_name TEXT",
        "ALTER TABLE customers ADD COLUMN lang TEXT",
        "ALTER TABLE customers ADD COLUMN erased SMALLINT NOT NULL DEFAULT 0 CHECK (erased IN (0, 1))",
        """
        CREATE TABLE customer_identities (
            kind TEXT NOT NULL CHECK (kind IN ('external', 'loyalty_card', 'phone', 'email', 'device')),
            value TEXT NOT NULL,
            customer_id TEXT NOT NULL REFERENCES customers (id),
            source TEXT NOT NULL,
            first_seen_at BIGINT NOT NULL,
            PRIMARY KEY (kind, value)
        )
        """,
        "CREATE INDEX customer_identities_customer ON customer_identities (customer_id)",
        "CREATE INDEX customer_identities_value ON customer_identities (value)",
        "CREATE INDEX customers_search_name ON customers (search_name)",
        "ALTER TABLE feedback ADD COLUMN customer_link TEXT",
        "ALTER TABLE survey_invitations ADD COLUMN customer_id TEXT REFERENCES customers (id)",
        "ALTER TABLE survey_invitations ADD COLUMN customer_link TEXT",
        "CREATE INDEX survey_invitations_customer_id ON survey_invitations (customer_id, invited_at)",
        "CREATE INDEX service_requests_customer ON service_requests (customer_id, submitted_at)",
    ])
}
