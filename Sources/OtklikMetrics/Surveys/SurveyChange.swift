import Foundation
import OtklikCore

/// The change of a survey's integral score between two waves (METHODS.md "NPS" and "Experiments"): the baseline
/// (`compare_from`/`compare_to`) against the current slice (`from`/`to`), each with its n and 95 % interval, and
/// `PeriodChange`'s test of the difference (current − baseline). The figure is NPS for an NPS question (NPS points),
/// otherwise the share of favourable answers in percentage points: CSAT 4-5, CES 5-7, Likert 4-5 (top two boxes).
/// Respondents are the completed and partial invitations that answered the integral question.
public struct SurveyChange: Sendable, Encodable, Equatable {
    public var question: String
    /// `nps`, `csat_4_5`, `ces_5_7` or `likert_4_5`.
    public var figure: String
    public var baseline: SurveyResults.Figure
    public var current: SurveyResults.Figure
    public var difference: Double
    public var ciLow: Double
    public var ciHigh: Double
    public var z: Double
    public var p: Double
    /// p < 0.05.
    public var significant: Bool

    enum CodingKeys: String, CodingKey {
        case question, figure, baseline, current, difference, ciLow = "ci_low", ciHigh = "ci_high", z, p, significant
    }

    /// nil without an integral question, or when a wave has no answers or the test is undefined (no variance).
    public init?(survey: Survey, baseline baselineInvitations: [SurveyInvitation], current currentInvitations: [SurveyInvitation], answers: [String: [SurveyAnswer]]) {
        guard let integral = survey.integral else { return nil }
        func scores(_ invitations: [SurveyInvitation]) -> [Int] {
            invitations.filter { $0.status == .completed || $0.status == .partial }.compactMap { invitation in
                answers[invitation.id]?.first { $0.question == integral.code }?.score
            }
        }
        let before = scores(baselineInvitations), after = scores(currentInvitations)
        guard !before.isEmpty, !after.isEmpty else { return nil }
        question = integral.code
        let change: PeriodChange?
        var scale = 1.0
        if integral.type == .nps {
            figure = "nps"
            func counts(_ s: [Int]) -> (Int, Int, Int) { (s.filter { $0 >= 9 }.count, s.filter { $0 <= 6 }.count, s.count) }
            func npsFigure(_ s: [Int]) -> SurveyResults.Figure {
                let (p, d, n) = counts(s)
                return SurveyResults.Figure(100 * Double(p - d) / Double(n), n: n, NPSInterval.adjustedWald(promoters: p, detractors: d, n: n))
            }
            baseline = npsFigure(before)
            current = npsFigure(after)
            change = PeriodChange.nps(first: counts(before), second: counts(after))
        } else {
            let threshold = integral.type == .ces ? 5 : 4
            figure = "\(integral.type.rawValue)_\(threshold)_\(integral.type.scale?.upperBound ?? 5)"
            func shareFigure(_ s: [Int]) -> SurveyResults.Figure {
                let k = s.filter { $0 >= threshold }.count
                let interval = ProportionInterval.wilson(successes: k, n: s.count).map { Interval(low: $0.low * 100, high: $0.high * 100) }
                return SurveyResults.Figure(100 * Double(k) / Double(s.count), n: s.count, interval)
            }
            baseline = shareFigure(before)
            current = shareFigure(after)
            change = PeriodChange.proportions(
                first: (before.filter { $0 >= threshold }.count, before.count), second: (after.filter { $0 >= threshold }.count, after.count)
            )
            scale = 100
        }
        guard let change else { return nil }
        difference = change.difference * scale
        ciLow = change.interval.low * scale
        ciHigh = change.interval.high * scale
        z = change.z
        p = change.p
        significant = change.p < 0.05
    }
}
