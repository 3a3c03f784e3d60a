extension Migrations {
    /// Problems: repeated incidents (complaints on one theme at one place) and the cases behind them.
    static let v11Problems = Migration("0011_problems", [
        """
        CREATE TABLE problems (
            id TEXT PRIMARY KEY,
            location_code TEXT NOT NULL REFERENCES locations (code),
            theme TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('open', 'fixed', 'closed')),
            opened_at BIGINT NOT NULL,
            owner TEXT,
            root_cause TEXT,
            action_plan TEXT,
            fixed_at BIGINT,
            closed_at BIGINT
        )
        """,
        "CREATE INDEX problems_place_theme ON problems (location_code, theme, status)",
        """
        CREATE TABLE problem_cases (
            problem_id TEXT NOT NULL REFERENCES problems (id),
            case_id TEXT NOT NULL REFERENCES cases (id),
            PRIMARY KEY (problem_id, case_id)
        )
        """,
    ])
}
