import Foundation
import OtklikCore
import OtklikMetrics

/// A measurement survey's response rate against the `response_rate` KPI target (issue 20 item 2), on `/surveys`, a
/// survey's results and the dashboard's alerts. The figure is AAPOR RR1 = I / (I + P + R + NC + U) in percent over the
/// survey's invitations the reader sees (every invitation an eligible case, as ``SurveyResults`` counts them), with
/// Wilson's 95 % interval over those invitations; it is judged like every KPI (``TargetAttainment``): met when the
/// whole interval is at or above the target, missed when its upper bound is below it — so a rate low by chance alone
/// is not flagged. A feedback survey (a spontaneous sample) has no response-rate target.
struct ResponseRateTarget {
    let targets: [KPITarget]
    let names: ReferenceNames
    let text: [String: String]

    /// RR1 in percent with its Wilson interval and n = the invitations; no figure without an invitation.
    static func figure(_ outcomes: SurveyResults.Outcomes) -> MetricValue {
        guard outcomes.total > 0, let interval = ProportionInterval.wilson(successes: outcomes.completed, n: outcomes.total) else {
            return MetricValue(value: nil, n: 0, ciLow: nil, ciHigh: nil, insufficient: true)
        }
        return MetricValue(
            value: 100 * Double(outcomes.completed) / Double(outcomes.total), n: outcomes.total, ciLow: 100 * interval.low,
            ciHigh: 100 * interval.high, insufficient: false)
    }

    /// What the reader's figure covers (``TargetJudgement/view(locations:scope:lastDay:names:)``): the chosen location,
    /// else a scoped reader's own location or region, else the organisation; the target in force on `day`.
    func view(location: String?, scope: Set<String>?, day: Int32) throws -> KPITarget.View {
        try TargetJudgement.view(locations: location.map { [$0] } ?? scope ?? [], scope: scope, lastDay: day, names: names)
    }

    /// The target that applies to a measurement survey's response rate and the verdict, by the one ``TargetJudgement``
    /// every KPI goes through; nil for a feedback survey or when no target applies. A response-rate target is absolute
    /// only (``KPITarget/validate()``), so no baseline is ever read.
    func judge(_ survey: Survey, _ outcomes: SurveyResults.Outcomes, view: KPITarget.View) async throws -> TargetJudgement.Outcome? {
        guard survey.purpose == .measurement else { return nil }
        return try await TargetJudgement(targets: targets).judge(.responseRate, view: view, value: Self.figure(outcomes), baseline: { _ in nil })
    }

    /// The note shown beside the response rate: the goal, its scope and period, the verdict and the gap.
    func note(_ outcome: TargetJudgement.Outcome) -> TargetNote {
        KPIFigureFormat(text: text).targetNote(outcome, unit: .percent, names: names)
    }

    /// The dashboard's alert for a survey whose response rate is below the target with its whole interval.
    /// `period`: the survey page's query for the same invitations (`?from=…&to=…`), "" for none.
    func alert(
        _ survey: Survey, _ outcomes: SurveyResults.Outcomes, _ outcome: TargetJudgement.Outcome, language: String, period: String = ""
    ) -> ActionAlert? {
        guard outcome.attainment.status == .missed else { return nil }
        let figure = Self.figure(outcomes)
        let format = KPIFigureFormat(text: text)
        let note = self.note(outcome)
        return ActionAlert(
            kind: "response-rate-below-target",
            text: (text["action_response_rate"] ?? "Survey “{survey}”: response rate (RR1) {value} {ci}, n = {n}, is below its target {goal} ({scope}) even at the upper bound of its 95 % interval.")
                .replacingOccurrences(of: "{survey}", with: survey.title(language))
                .replacingOccurrences(of: "{value}", with: PageNumber.localised(format.value(figure, .percent), text: text))
                .replacingOccurrences(of: "{ci}", with: PageNumber.localised(format.interval(figure, .percent) ?? "", text: text))
                .replacingOccurrences(of: "{n}", with: String(figure.n))
                .replacingOccurrences(of: "{goal}", with: note.goal)
                .replacingOccurrences(of: "{scope}", with: note.scope),
            link: "/surveys/\(ActionAlertFinder.encoded(survey.code))" + period, linkText: text["action_response_rate_link"] ?? "Open the survey's results")
    }
}
