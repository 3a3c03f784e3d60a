extension Migrations {
    /// Text analytics in the store: each comment's analysis (written with the feedback, in its transaction),
    /// each transcript's analysis and compliance, and the organisation's theme taxonomy (no rows: the shipped one).
    static let v14TextAnalysis = Migration("0014_text_analysis", [
        """
        CREATE TABLE comment_analysis (
            feedback_id TEXT PRIMARY KEY REFERENCES feedback (id),
            lang TEXT,
            mixed SMALLINT NOT NULL,
            label TEXT NOT NULL CHECK (label IN ('negative', 'neutral', 'positive')),
            score DOUBLE PRECISION NOT NULL,
            themes TEXT,
            words INTEGER NOT NULL,
            analysed_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX comment_analysis_label ON comment_analysis (label, feedback_id)",
        """
        CREATE TABLE transcript_analysis (
            transcript_id TEXT PRIMARY KEY REFERENCES transcripts (id),
            lang TEXT,
            label TEXT NOT NULL CHECK (label IN ('negative', 'neutral', 'positive')),
            score DOUBLE PRECISION NOT NULL,
            themes TEXT,
            standard_event TEXT,
            compliance DOUBLE PRECISION,
            analysed_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE themes (
            code TEXT PRIMARY KEY,
            name_ru TEXT NOT NULL,
            name_en TEXT NOT NULL,
            keywords_ru TEXT NOT NULL,
            keywords_en TEXT NOT NULL,
            position INTEGER NOT NULL
        )
        """,
    ])
}
