extension Migrations {
    /// The per-address limits' token buckets in the database (issue 21 item 2, ``SQLRateLimiter``), so every server on
    /// one PostgreSQL takes from the same bucket: a limit's name (`login`, `public-form`, …) and the client address, the
    /// tokens left when it was last touched (milliseconds since 1970), and whether that touch took one.
    static let v55RateLimitBuckets = Migration("0055_rate_limit_buckets", [
        """
        CREATE TABLE rate_limit_buckets (
            name TEXT NOT NULL,
            client TEXT NOT NULL,
            tokens DOUBLE PRECISION NOT NULL,
            updated_at BIGINT NOT NULL,
            allowed INTEGER NOT NULL,
            PRIMARY KEY (name, client)
        )
        """,
        "CREATE INDEX rate_limit_buckets_updated ON rate_limit_buckets (name, updated_at)",
    ])
}
