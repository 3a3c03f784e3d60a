extension Migrations {
    /// Conversation transcripts (organic feedback), found by place and time.
    static let v7Transcripts = Migration("0007_transcripts", [
        """
        CREATE TABLE transcripts (
            id TEXT PRIMARY KEY,
            location_code TEXT NOT NULL REFERENCES locations (code),
            staff_code TEXT REFERENCES staff (code),
            started_at BIGINT NOT NULL,
            ended_at BIGINT NOT NULL,
            lang TEXT,
            turns TEXT NOT NULL,
            received_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX transcripts_place_time ON transcripts (location_code, started_at)",
    ])
}
