extension Migrations {
    /// KPI targets per organisation, region, location or service and period (``KPITarget``). `code` is '' for the
    /// organisation so that the primary key needs no NULL.
    static let v24KPITargets = Migration("0024_kpi_targets", [
        """
        CREATE TABLE kpi_targets (
            metric TEXT NOT NULL CHECK (metric IN ('nps', 'csat', 'ces', 'ces_easy', 'button', 'negative')),
            scope TEXT NOT NULL CHECK (scope IN ('organisation', 'region', 'location', 'service')),
            code TEXT NOT NULL,
            from_date TEXT NOT NULL,
            to_date TEXT NOT NULL,
            target DOUBLE PRECISION NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('absolute', 'relative_change')),
            updated BIGINT NOT NULL,
            PRIMARY KEY (metric, scope, code, from_date, to_date)
        )
        """,
    ])
}
