/// The monthly report (`/reports/monthly`, `monthly-report.mustache`): one calendar month of the organisation or one
/// location, printable on A4 — headline KPIs with target and change against the previous month, the 12-month NPS and
/// CSAT trend, best and worst locations, reasons of dissatisfaction, cases, the contact centre, surveys' response rates, and what to do next
/// (``MonthlyReportBuilder``). Every table is also a sheet of the XLSX export.
struct MonthlyReportPage: Sendable {
    let heading: String
    /// The organisation's or the location's name.
    let scope: String
    let month: String
    /// `2026-10-01 – 2026-10-31`.
    let period: String
    /// "Change against September 2026 (2026-09-01 – 2026-09-30)".
    let previousPeriod: String
    let generatedAt: String
    /// `month=2026-10&location=L01`: the downloads keep it.
    let query: String
    /// On the server's page: the form and the download links; false in the PDF, the e-mail and the CLI's file.
    var interactive = true
    var form: Form
    var kpis: [KPI] = []
    var hasData = false
    var trends: [Trend] = []
    /// Best and worst locations by NPS and by CSAT (the organisation's report only).
    var rankingTables: [ReportTable] = []
    var hasRankings = false
    var cases: [KPIFigure] = []
    var overdueNote: String?
    var calls: [KPIFigure] = []
    var hasCalls = false
    /// Each measurement survey's response rate (RR1) over the month's invitations, against its target.
    var surveys: [KPIFigure] = []
    var hasSurveys = false
    var actions: [Action] = []
    var hasActions = false
    /// Every table of the report, in page order; the XLSX export writes one sheet per table.
    var tables: [ReportTable] = []
    var trendTable: ReportTable?
    var reasonTable: ReportTable?
    var hasReasons = false
    var minimumNote: String?
    /// Who gets the report by e-mail, on the server's page for those who may change it; nil otherwise.
    var subscriptions: ReportSubscriptionSection?

    /// The month and location chosen, and what is wrong with them.
    struct Form: Sendable {
        let month: String
        let locations: [SelectOption]
        var error: String?
        var errorField: String?
    }

    /// A headline KPI: the figure (with its definition, n, interval, target and API query) and its change against the
    /// previous month.
    struct KPI: Sendable {
        let figure: KPIFigure
        let change: PeriodChangeNote?
    }

    /// A 12-month chart; its text equivalent is ``MonthlyReportPage/trendTable``.
    struct Trend: Sendable {
        let title: String
        let chart: String
    }

    /// One thing to do next, with the page where to do it.
    struct Action: Sendable {
        /// `decline`, `below-target`, `nps-step`, `reason-up`, `overdue-cases`, `new-problem`.
        let kind: String
        let text: String
        let link: String
        let linkText: String
    }
}
