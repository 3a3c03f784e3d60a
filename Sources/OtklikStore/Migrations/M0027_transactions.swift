extension Migrations {
    /// Transactions (purchases and refunds) referencing a resolved customer, and acquisition costs by period and
    /// channel (issue 18 items 4 and 5).
    static let v27Transactions = Migration("0027_transactions", [
        """
        CREATE TABLE transactions (
            id TEXT PRIMARY KEY,
            ts BIGINT NOT NULL,
            customer_id TEXT NOT NULL REFERENCES customers (id),
            customer_link TEXT,
            amount DOUBLE PRECISION NOT NULL,
            quantity INTEGER CHECK (quantity >= 0),
            location_code TEXT REFERENCES locations (code),
            channel TEXT,
            service_code TEXT REFERENCES services (code),
            received_at BIGINT NOT NULL,
            feed_position BIGINT
        )
        """,
        "CREATE INDEX transactions_customer ON transactions (customer_id, ts)",
        "CREATE INDEX transactions_ts ON transactions (ts, id)",
        "CREATE INDEX transactions_feed ON transactions (feed_position)",
        """
        CREATE TABLE acquisition_costs (
            period TEXT NOT NULL,
            channel TEXT NOT NULL,
            amount DOUBLE PRECISION NOT NULL CHECK (amount >= 0),
            PRIMARY KEY (period, channel)
        )
        """,
    ])
}
