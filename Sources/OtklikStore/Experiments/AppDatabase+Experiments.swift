extension AppDatabase {
    /// Registered experiments on service changes (issue 19 item 5).
    public var experiments: SQLExperimentRepository { SQLExperimentRepository(database: sql) }
}
