import Foundation
import OtklikCore
import OtklikMetrics

extension SurveysPageController {
    /// The results' strata as the page shows them (nil for an unstratified plan): labels in the reader's language — a
    /// segment by its name, `other`, a missing value, a daypart and the invitations made by hand in words, the code beside.
    static func strataModel(
        _ survey: Survey, _ results: SurveyResults, segmentNames: [String: String], text: [String: String]
    ) -> SurveyResultsPage.Strata? {
        guard !results.strata.isEmpty else { return nil }
        let keys = survey.sampling.strata
        func value(_ key: String, _ value: String) -> String {
            if value == "(none)" { return text["survey_stratum_none"] ?? value }
            switch key {
            case SurveySampling.segmentStratum:
                return value == SegmentStratum.other ? (text["survey_stratum_other"] ?? value) : (segmentNames[value] ?? value)
            case "daypart": return text["daypart_\(value)"] ?? value
            default: return value
            }
        }
        func label(_ code: String) -> String {
            let values = code.components(separatedBy: " × ")
            guard code != "*", values.count == keys.count else { return text["survey_stratum_by_hand"] ?? code }
            return zip(keys, values).map { value($0, $1) }.joined(separator: " × ")
        }
        let rows = results.strata.map { stratum in
            SurveyResultsPage.Strata.Row(
                label: label(stratum.stratum), code: stratum.stratum, invitations: stratum.invitations, respondents: stratum.respondents,
                rate: figure(stratum.responseRate), eligible: stratum.eligible.map { number($0, $0 == $0.rounded() ? 0 : 1) } ?? "—",
                share: stratum.share.map { String(format: "%.1f\u{00A0}%%", $0 * 100) } ?? "—", integral: figure(stratum.integral),
                weighted: stratum.designWeighted.map { "\(number($0.value)) (n_eff \(number($0.effectiveN)); \(number($0.ciLow)) … \(number($0.ciHigh)))" } ?? "—")
        }
        let integral = survey.integral
        let figureName: String
        switch integral?.type {
        case .nps: figureName = "NPS"
        case .csat: figureName = "CSAT, %"
        case .ces: figureName = text["survey_stratum_ces"] ?? "CES 5-7, %"
        default: figureName = text["survey_mean"] ?? "mean"
        }
        let quoted = text["survey_stratum_quoted"] ?? "“{name}”"
        let order = survey.sampling.segments.map { quoted.replacingOccurrences(of: "{name}", with: segmentNames[$0] ?? $0) }.joined(separator: ", ")
        return SurveyResultsPage.Strata(
            intro: (text["survey_strata_intro"] ?? "").replacingOccurrences(
                of: "{variables}", with: keys.map { text["survey_stratum_var_\($0)"] ?? $0 }.joined(separator: " × ")),
            figure: figureName, rows: rows,
            hasWeights: results.strata.contains { $0.eligible != nil },
            segmentRule: survey.sampling.usesSegments
                ? (text["survey_stratum_segment_rule"] ?? "").replacingOccurrences(of: "{segments}", with: order) : nil)
    }
}
