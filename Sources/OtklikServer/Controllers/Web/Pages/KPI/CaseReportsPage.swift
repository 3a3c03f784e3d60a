/// `/case-reports` (`case-reports.mustache`, ``CaseReportsBuilder``): the closing-the-loop reports of cases opened in a
/// period — SLA and first-response attainment, times to respond and resolve, reopen and recovery rates, the backlog
/// and its age — overall and by staff member, owner's team, location, month and (the backlog) age band.
struct CaseReportsPage: Sendable {
    let heading: String
    var form: PeriodForm
    var figures: [KPIFigure] = []
    var tables: [KPIBreakdown] = []
    var hasData = false
    var minimumNote: String?
}
