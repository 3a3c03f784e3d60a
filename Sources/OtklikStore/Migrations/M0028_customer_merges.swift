extension Migrations {
    /// Customer identity, issue 18 items 1-2: the merge journal (who absorbed whom, the evidence, the identities and
    /// record references moved, by whom and when, and when it was undone), a customer's `merged_into` (the absorbed
    /// row stays, so an unmerge restores it as it was), the review queue of probable matches, consents and contact
    /// preferences as records, and where a customer came from.
    static let v28CustomerMerges = Migration("0028_customer_merges", [
        "ALTER TABLE customers ADD COLUMN merged_into TEXT REFERENCES customers (id)",
        """
        CREATE TABLE customer_merges (
            id TEXT PRIMARY KEY,
            survivor_id TEXT NOT NULL REFERENCES customers (id),
            absorbed_id TEXT NOT NULL REFERENCES customers (id),
            evidence TEXT NOT NULL,
            moved TEXT NOT NULL,
            actor TEXT NOT NULL,
            merged_at BIGINT NOT NULL,
            undone_at BIGINT,
            undone_by TEXT,
            CHECK (survivor_id <> absorbed_id)
        )
        """,
        "CREATE INDEX customer_merges_survivor ON customer_merges (survivor_id, merged_at)",
        "CREATE INDEX customer_merges_absorbed ON customer_merges (absorbed_id, merged_at)",
        """
        CREATE TABLE customer_review (
            id TEXT PRIMARY KEY,
            left_id TEXT NOT NULL REFERENCES customers (id),
            right_id TEXT NOT NULL REFERENCES customers (id),
            reason TEXT NOT NULL,
            shared_kind TEXT NOT NULL,
            shared_value TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            decision TEXT CHECK (decision IN ('merged', 'kept_apart')),
            decided_at BIGINT,
            decided_by TEXT,
            merge_id TEXT REFERENCES customer_merges (id),
            CHECK (left_id < right_id),
            UNIQUE (left_id, right_id)
        )
        """,
        "CREATE INDEX customer_review_open ON customer_review (decided_at, created_at)",
        """
        CREATE TABLE customer_consents (
            id TEXT PRIMARY KEY,
            customer_id TEXT NOT NULL REFERENCES customers (id),
            purpose TEXT NOT NULL CHECK (purpose IN ('service', 'survey', 'marketing')),
            channel TEXT NOT NULL,
            source TEXT NOT NULL,
            given_at BIGINT NOT NULL,
            expires_at BIGINT,
            withdrawn_at BIGINT,
            recorded_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX customer_consents_customer ON customer_consents (customer_id, purpose, channel)",
        """
        CREATE TABLE customer_contact_preferences (
            customer_id TEXT PRIMARY KEY REFERENCES customers (id),
            preferred_channel TEXT,
            language TEXT,
            time_zone TEXT,
            quiet_from_minute INTEGER CHECK (quiet_from_minute BETWEEN 0 AND 1439),
            quiet_to_minute INTEGER CHECK (quiet_to_minute BETWEEN 0 AND 1439),
            max_per_week INTEGER CHECK (max_per_week >= 0),
            updated_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE customer_acquisition (
            customer_id TEXT PRIMARY KEY REFERENCES customers (id),
            source TEXT,
            acquired_at BIGINT
        )
        """,
    ])
}
