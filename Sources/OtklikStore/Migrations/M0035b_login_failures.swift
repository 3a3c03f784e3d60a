extension Migrations {
    /// Failed sign-ins per account (the lower-cased user name, whether or not it exists), shared by every server on
    /// one database so that the per-account login limit holds behind a load balancer: how many in the current run,
    /// and when the last one was.
    static let v35bLoginFailures = Migration("0035b_login_failures", [
        """
        CREATE TABLE login_failures (
            account TEXT PRIMARY KEY,
            failures INTEGER NOT NULL,
            last_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX login_failures_last ON login_failures (last_at)",
    ])
}
