import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore

/// Every survey's response rate over the invitations made in a period, judged against the `response_rate` target in
/// force on the period's last day (``ResponseRateTarget``): the monthly report's figure (the month), `/surveys` and a
/// survey's page (the page's period) and the dashboard's alert (the dashboard's period). The invitations are counted by
/// one aggregate query for every survey (``SurveyRepository/invitationOutcomes(_:locations:)``), the same counts
/// ``SurveyResults`` makes of `GET /api/v1/surveys/CODE/results` with the same `from`, `to` and `location`.
struct ResponseRatesInPeriod {
    let surveys: any SurveyRepository
    let rate: ResponseRateTarget

    struct Row {
        let survey: Survey
        let outcomes: SurveyResults.Outcomes
        /// RR1 in percent with its Wilson interval and n = the invitations (``ResponseRateTarget/figure(_:)``).
        let value: MetricValue
        /// Against the target; nil for a feedback survey or when no target applies.
        let outcome: TargetJudgement.Outcome?
    }

    /// The rows of the surveys with an invitation in `filter` (its period and location), at `scope`'s locations for a
    /// scoped reader; `day` is the period's last day, whose target is judged against. In the order of `surveys()`.
    func rows(_ filter: InvitationFilter, scope: Set<String>?, day: Int32) async throws -> [Row] {
        let counts = try await surveys.invitationOutcomes(filter, locations: scope)
        let view = try rate.view(location: filter.location, scope: scope, day: day)
        var rows: [Row] = []
        for survey in try await surveys.surveys() {
            guard let outcomes = counts[survey.code], outcomes.total > 0 else { continue }
            rows.append(Row(
                survey: survey, outcomes: outcomes, value: ResponseRateTarget.figure(outcomes),
                outcome: try await rate.judge(survey, outcomes, view: view)))
        }
        return rows
    }

    /// The invitations made on the days `fromDay` to `toDay` (inclusive) in `zone`: from the first day's first moment
    /// to the next day's after the last, as ISO parameters of the results API (the zone's offset kept).
    static func parameters(fromDay: Int32, toDay: Int32, zone: TimeZone, location: String?) -> [String: String] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        func start(_ day: Int32) -> Date {
            let civil = LocalCalendar.civil(day)
            return calendar.date(from: DateComponents(year: civil.year, month: civil.month, day: civil.day))
                ?? Date(timeIntervalSince1970: Double(day) * 86_400)
        }
        let iso = ISO8601DateFormatter()
        iso.timeZone = zone
        var parameters = ["from": iso.string(from: start(fromDay)), "to": iso.string(from: start(toDay + 1))]
        if let location { parameters["location"] = location }
        return parameters
    }

    /// The last day a survey page's period covers: the day before its exclusive `to` (a date, or a moment in `zone`),
    /// else today.
    static func lastDay(_ filter: InvitationFilter, zone: TimeZone) -> Int32 {
        guard let to = filter.to else { return LocalCalendar.day(of: Date(), in: zone) }
        return LocalCalendar.day(of: to.addingTimeInterval(-0.001), in: zone)
    }
}
