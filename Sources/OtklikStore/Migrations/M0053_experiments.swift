extension Migrations {
    /// Registered experiments on service changes (issue 19 item 5, seed 001 4f): the design fixed before the start
    /// (hypothesis, unit of randomisation, the two variants with their allocation as JSON, metric and outcome, horizon,
    /// α, sequential monitoring, the CUPED pre-period) and the status draft → running → stopped with its times.
    /// Assignment is a hash of the code and the unit's id, so no assignment is stored.
    static let v53Experiments = Migration("0053_experiments", [
        """
        CREATE TABLE experiments (
            code TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            hypothesis TEXT NOT NULL,
            unit TEXT NOT NULL CHECK (unit IN ('customer', 'case', 'agent', 'team', 'location', 'day')),
            variants TEXT NOT NULL,
            metric TEXT NOT NULL CHECK (metric IN ('nps', 'csat', 'proportion', 'mean')),
            outcome TEXT NOT NULL CHECK (outcome IN ('nps', 'csat', 'ces', 'button')),
            horizon_days INTEGER NOT NULL CHECK (horizon_days BETWEEN 1 AND 366),
            alpha DOUBLE PRECISION NOT NULL CHECK (alpha > 0 AND alpha < 0.5),
            sequential INTEGER NOT NULL DEFAULT 0,
            pre_period_days INTEGER,
            status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'running', 'stopped')),
            started_at BIGINT,
            stopped_at BIGINT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
    ])
}
