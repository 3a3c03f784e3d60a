extension Migrations {
    /// The CX maturity self-assessments (seed 001's 55 standards): each assessment with its item scores (0-4, NULL when
    /// not assessed) and evidence notes; a new one never replaces an older one. `content_hash` (SHA-256 of the scores
    /// and notes) lets a retry of the same file write nothing. `dashboard_visits` records, for standard 3f, that a user
    /// opened a dashboard page on a day (UTC) — the user name and the day, nothing else.
    static let v29MaturityAssessments = Migration("0029_maturity_assessments", [
        """
        CREATE TABLE maturity_assessments (
            id TEXT PRIMARY KEY,
            taken_at BIGINT NOT NULL,
            scorer TEXT NOT NULL,
            source TEXT NOT NULL CHECK (source IN ('file', 'page', 'demo')),
            content_hash TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX maturity_assessments_taken ON maturity_assessments (taken_at, created_at)",
        """
        CREATE TABLE maturity_item_scores (
            assessment_id TEXT NOT NULL REFERENCES maturity_assessments (id),
            item_id TEXT NOT NULL,
            score SMALLINT CHECK (score BETWEEN 0 AND 4),
            evidence TEXT NOT NULL,
            PRIMARY KEY (assessment_id, item_id)
        )
        """,
        """
        CREATE TABLE dashboard_visits (
            username TEXT NOT NULL,
            day TEXT NOT NULL,
            PRIMARY KEY (username, day)
        )
        """,
    ])
}
