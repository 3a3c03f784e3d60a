/// `/public-services` (`public-services.mustache`, ``PublicServicesBuilder``): seed 000's public-service KPIs for a
/// period with the working-day calendar they count by, and the same KPIs by service and by location.
struct PublicServicesPage: Sendable {
    let heading: String
    var form: PeriodForm
    var figures: [KPIFigure] = []
    var calendar: CalendarNote?
    var tables: [KPIBreakdown] = []
    var hasData = false
    var minimumNote: String?

    /// Which days the e-mail deadline counts as working in the period: the rule and the exceptions that fall in it.
    struct CalendarNote: Sendable {
        let summary: String
        let days: [Day]
        let hasDays: Bool

        struct Day: Sendable {
            let date: String
            let kind: String
            let name: String?
        }
    }
}
