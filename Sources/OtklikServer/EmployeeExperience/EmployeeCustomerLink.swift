import Foundation
import OtklikApplication
import OtklikCore
import OtklikMetrics
import OtklikStore

/// The employee-customer link per location (issue 20 item 5): a closed pulse survey's eNPS per location beside the
/// NPS and CSAT of that location's feedback in the calendar month after the month the survey closed, each with its n
/// and 95 % interval. A table to read side by side, not a claim of causation. Only locations whose eNPS is shown
/// (not suppressed) get a line, so the table reveals nothing the survey's results hide; surveys grouped by team have
/// no line (feedback carries no team).
struct EmployeeCustomerLink: Encodable, Sendable {
    struct Figure: Encodable, Sendable {
        var value: Double?
        var n: Int
        var low: Double?
        var high: Double?
    }

    struct Line: Encodable, Sendable {
        var location: String
        var enps: Figure
        var nps: Figure
        var csat: Figure
    }

    var survey: String
    /// The month the survey closed (`YYYY-MM`) and the month after, whose customer figures are shown.
    var month: String
    var customerMonth: String
    var lines: [Line]
    var note: String

    enum CodingKeys: String, CodingKey {
        case survey, month, lines, note
        case customerMonth = "customer_month"
    }

    static let noteText = "eNPS of the month the survey closed beside the next month's customer NPS and CSAT per location, with 95 % intervals: read together, not as cause and effect"

    /// Nil unless the survey is closed and grouped by location.
    static func compute(_ tally: PulseTally, analytics: Analytics, minimumN: Int) async throws -> EmployeeCustomerLink? {
        guard tally.survey.status == .closed, tally.survey.grouping == .location, let closed = tally.closedAt else { return nil }
        let results = PulseResults.compute(answers: tally.answers, invited: tally.invitedByGroup, minimumGroup: tally.survey.minimumGroup)
        let zone = analytics.timeZone
        let month = LocalCalendar.monthIndex(of: LocalCalendar.day(of: closed, in: zone))
        let from = LocalCalendar.label(monthIndex: month + 1) + "-01", to = LocalCalendar.label(monthIndex: month + 2) + "-01"
        var lines: [Line] = []
        for group in results.groups {
            guard let location = group.group, let figure = group.figure else { continue }
            func customer(_ metric: String) async throws -> Figure {
                let query = try MetricQueryParser(timeZone: zone).parse(["metric": metric, "location": location, "from": from, "to": to])
                let overall = try await analytics.report(query.metric, query.query, minimumN: minimumN).overall
                return Figure(value: overall.insufficient ? nil : overall.value, n: overall.n, low: overall.ciLow, high: overall.ciHigh)
            }
            lines.append(
                Line(
                    location: location, enps: Figure(value: figure.enps, n: figure.n, low: figure.low, high: figure.high), nps: try await customer("nps"),
                    csat: try await customer("csat")))
        }
        return EmployeeCustomerLink(
            survey: tally.survey.code, month: LocalCalendar.label(monthIndex: month), customerMonth: LocalCalendar.label(monthIndex: month + 1), lines: lines,
            note: noteText)
    }
}
