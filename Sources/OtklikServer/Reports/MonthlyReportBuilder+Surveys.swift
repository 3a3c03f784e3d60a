import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore

extension MonthlyReportBuilder {
    /// The response rate of each measurement survey over the invitations made in the month (at the report's location
    /// when it is one location's), with Wilson's interval and n, against the `response_rate` target in force on the
    /// month's last day — the figure and judgement of ``ResponseRateTarget``, over the month's invitations rather than
    /// the survey's whole life. An invitation still open when the report is made counts as not answered (RR1 counts it
    /// as of unknown eligibility), so the last days' invitations lower the rate until they close. Each card names
    /// `GET /api/v1/surveys/CODE/results` for the same invitations (`from`/`to` the month's first and next month's
    /// first moment in the organisation's zone). Feedback surveys (a spontaneous sample) have no response rate.
    func surveyFigures(_ query: MonthlyReportQuery) async throws -> [(figure: KPIFigure, value: MetricValue)] {
        guard let surveys else { return [] }
        let parameters = ResponseRatesInPeriod.parameters(fromDay: query.fromDay, toDay: query.toDay, zone: zone, location: query.location)
        let filter = try InvitationFilter(query: parameters)
        let rateTarget = ResponseRateTarget(targets: targets, names: names, text: text)
        var figures: [(figure: KPIFigure, value: MetricValue)] = []
        for row in try await ResponseRatesInPeriod(surveys: surveys, rate: rateTarget).rows(filter, scope: scope, day: query.toDay)
        where row.survey.purpose == .measurement {
            let survey = row.survey, value = row.value
            var components = URLComponents()
            components.path = "/api/v1/surveys/\(survey.code)/results"
            components.queryItems = parameters.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
            // `+` in a query is a space to most readers: the zone's offset is written %2B.
            let api = (components.string ?? components.path).replacingOccurrences(of: "+", with: "%2B")
            var figure = KPIFigure(
                id: "rr1-\(survey.code)", name: survey.title(text["lang"] == "en" ? "en" : "ru") + " · " + t("report_rr1", "response rate (RR1)"),
                definition: t("report_rr1_definition", ""), value: format.value(value, .percent), ci: format.interval(value, .percent),
                n: value.n, insufficient: value.value == nil, notes: [], hasNotes: false, api: api)
            figure.target = row.outcome.map(rateTarget.note)
            figures.append((figure, value))
        }
        return figures
    }
}
