extension AppDatabase {
    /// Who gets the monthly report by e-mail, and the mailings of each month.
    public var reportSubscriptions: any ReportSubscriptionRepository { SQLReportSubscriptionRepository(database: sql) }
}
