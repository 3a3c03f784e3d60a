extension Migrations {
    /// Device tokens and health, and the reasons a form offers (for every location or one).
    static let v5ServicePoint = Migration("0005_service_point", [
        "ALTER TABLE devices ADD COLUMN token_id TEXT",
        "ALTER TABLE devices ADD COLUMN epoch INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE devices ADD COLUMN created_at BIGINT",
        "ALTER TABLE devices ADD COLUMN last_seen_at BIGINT",
        "ALTER TABLE devices ADD COLUMN last_skew_ms BIGINT",
        "CREATE UNIQUE INDEX devices_token_id ON devices (token_id)",
        """
        CREATE TABLE reasons (
            id TEXT PRIMARY KEY,
            code TEXT NOT NULL,
            location_code TEXT REFERENCES locations (code),
            label_ru TEXT NOT NULL,
            label_en TEXT NOT NULL,
            position INTEGER NOT NULL
        )
        """,
    ])
}
