extension Migrations {
    /// KPI targets for every metric ``TargetMetric`` names. 0024's CHECK listed the feedback KPIs only, so a
    /// contact-centre or public-service target passed validation and then failed in the database (a 500 on
    /// `PUT /api/v1/targets`, found when public-service targets were added). The metric is validated on every write
    /// (``KPITarget/validate()``); the table is rebuilt without the list (SQLite cannot drop a CHECK in place).
    static let v48KPITargetMetrics = Migration("0048_kpi_target_metrics", [
        """
        CREATE TABLE kpi_targets_v48 (
            metric TEXT NOT NULL,
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
        "INSERT INTO kpi_targets_v48 (metric, scope, code, from_date, to_date, target, kind, updated) SELECT metric, scope, code, from_date, to_date, target, kind, updated FROM kpi_targets",
        "DROP TABLE kpi_targets",
        "ALTER TABLE kpi_targets_v48 RENAME TO kpi_targets",
    ])
}
