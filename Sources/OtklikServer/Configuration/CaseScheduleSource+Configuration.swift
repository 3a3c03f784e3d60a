import OtklikApplication
import OtklikStore

extension CaseScheduleSource {
    /// The SLA of cases with the opening hours and targets of the server's configuration.
    public init(database: AppDatabase, configuration: AppConfiguration) {
        self.init(
            database: database, businessHours: configuration.businessHours, firstResponseHours: configuration.caseFirstResponseHours,
            resolutionHours: configuration.caseSLAHours)
    }
}
