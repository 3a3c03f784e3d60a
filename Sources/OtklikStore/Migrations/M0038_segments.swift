extension Migrations {
    /// Rule-based customer segments (issue 18 item 7): each segment's code, names and JSON definition
    /// (``SegmentDefinition``); membership is evaluated when asked, as of a day, not stored.
    static let v38Segments = Migration("0038_segments", [
        """
        CREATE TABLE segments (
            code TEXT PRIMARY KEY,
            name_ru TEXT NOT NULL,
            name_en TEXT NOT NULL,
            definition TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
    ])
}
