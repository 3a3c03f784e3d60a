extension AppDatabase {
    /// Proactive programmes, their enrolments and actions, and the shared contact ledger.
    public var programmes: SQLProgrammeRepository { SQLProgrammeRepository(database: sql, deliverable: deliverableChannels) }
}
