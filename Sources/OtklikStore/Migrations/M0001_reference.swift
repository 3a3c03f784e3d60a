extension Migrations {
    static let v1Reference = Migration("0001_reference", [
        """
        CREATE TABLE organisation (
            id SMALLINT PRIMARY KEY CHECK (id = 1),
            name TEXT NOT NULL,
            timezone TEXT NOT NULL,
            default_lang TEXT NOT NULL CHECK (default_lang IN ('ru', 'en'))
        )
        """,
        "INSERT INTO organisation (id, name, timezone, default_lang) VALUES (1, 'Otklik', 'UTC', 'ru')",
        "CREATE TABLE regions (code TEXT PRIMARY KEY, name TEXT NOT NULL)",
        """
        CREATE TABLE locations (
            code TEXT PRIMARY KEY, name TEXT NOT NULL,
            region_code TEXT REFERENCES regions (code), address TEXT
        )
        """,
        """
        CREATE TABLE staff (
            code TEXT PRIMARY KEY, name TEXT NOT NULL,
            location_code TEXT REFERENCES locations (code), role TEXT
        )
        """,
        "CREATE TABLE services (code TEXT PRIMARY KEY, name TEXT NOT NULL)",
        """
        CREATE TABLE devices (
            code TEXT PRIMARY KEY, kind TEXT NOT NULL,
            location_code TEXT NOT NULL REFERENCES locations (code),
            staff_code TEXT REFERENCES staff (code),
            token_hash TEXT, revoked_at BIGINT
        )
        """,
        """
        CREATE TABLE customers (
            id TEXT PRIMARY KEY, phone TEXT, email TEXT, external_id TEXT,
            consent SMALLINT NOT NULL DEFAULT 0, created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE interactions (
            id TEXT PRIMARY KEY,
            channel TEXT NOT NULL,
            queue TEXT,
            location_code TEXT REFERENCES locations (code),
            staff_code TEXT REFERENCES staff (code),
            service_code TEXT REFERENCES services (code),
            customer_id TEXT REFERENCES customers (id),
            topic TEXT,
            arrived_at BIGINT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('answered', 'abandoned', 'self_service')),
            wait_ms BIGINT CHECK (wait_ms >= 0),
            talk_ms BIGINT CHECK (talk_ms >= 0),
            hold_ms BIGINT CHECK (hold_ms >= 0),
            wrap_ms BIGINT CHECK (wrap_ms >= 0),
            transferred SMALLINT NOT NULL DEFAULT 0,
            received_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX interactions_arrived ON interactions (arrived_at, id)",
        "CREATE INDEX interactions_customer ON interactions (customer_id, topic, arrived_at)",
    ])
}
