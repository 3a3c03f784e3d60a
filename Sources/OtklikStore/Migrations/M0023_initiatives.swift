extension Migrations {
    /// The initiative register: initiatives with owner, goal metric, budget and dates; their scope (locations,
    /// services) and the problems and themes they answer. The effect is computed, never stored.
    static let v23Initiatives = Migration("0023_initiatives", [
        """
        CREATE TABLE initiatives (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            owner TEXT NOT NULL,
            goal_metric TEXT NOT NULL CHECK (goal_metric IN ('nps', 'csat', 'ces', 'ces_easy', 'button', 'negative')),
            budget BIGINT NOT NULL CHECK (budget >= 0),
            start_at BIGINT NOT NULL,
            end_at BIGINT,
            control TEXT NOT NULL CHECK (control IN ('region', 'all')),
            created_at BIGINT NOT NULL,
            feed_position BIGINT
        )
        """,
        "CREATE INDEX initiatives_start ON initiatives (start_at)",
        """
        CREATE TABLE initiative_scope (
            initiative_id TEXT NOT NULL REFERENCES initiatives (id),
            kind TEXT NOT NULL CHECK (kind IN ('location', 'service')),
            code TEXT NOT NULL,
            PRIMARY KEY (initiative_id, kind, code)
        )
        """,
        """
        CREATE TABLE initiative_links (
            initiative_id TEXT NOT NULL REFERENCES initiatives (id),
            kind TEXT NOT NULL CHECK (kind IN ('problem', 'theme')),
            target TEXT NOT NULL,
            PRIMARY KEY (initiative_id, kind, target)
        )
        """,
    ])
}
