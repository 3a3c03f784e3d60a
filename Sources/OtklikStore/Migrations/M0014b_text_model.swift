extension Migrations {
    /// Comments the organisation's staff labelled, and the naive Bayes sentiment model trained on them (one a database).
    static let v14bTextModel = Migration("0014b_text_model", [
        """
        CREATE TABLE labelled_comments (
            id TEXT PRIMARY KEY,
            text TEXT NOT NULL,
            label TEXT NOT NULL CHECK (label IN ('negative', 'neutral', 'positive')),
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE text_models (
            id SMALLINT PRIMARY KEY CHECK (id = 1),
            model TEXT NOT NULL,
            texts INTEGER NOT NULL,
            features INTEGER NOT NULL,
            trained_at BIGINT NOT NULL
        )
        """,
        // Set when the taxonomy or the model changes, cleared when every stored text has been analysed again: a server
        // stopped in the middle of a re-analysis finishes it at its next start.
        "CREATE TABLE text_reanalysis (id SMALLINT PRIMARY KEY CHECK (id = 1), requested_at BIGINT NOT NULL)",
    ])
}
