import Foundation
import OtklikCore
import OtklikMetrics

/// What an NPS on a page rests on (seed 002, best practice 4 and the "two typical mistakes"): NPS from
/// spontaneous channels (buttons, kiosks, QR forms, calls, chats, reviews) carries the label "spontaneous
/// sample, not a measurement"; survey NPS carries its response rate and the two non-responder variants.
struct NPSSampleNote {
    let minimumN: Int
    let text: [String: String]

    /// The notes for a selection tallied by feedback kind: `spontaneous` when any record is not a survey
    /// response, `survey` (response rate, variants) when any is.
    func build(_ byKind: GroupedTallies) -> NPSSample {
        var spontaneous = Tally(), survey = Tally()
        for group in byKind.groups {
            if group.key.first == FeedbackKind.surveyResponse.rawValue { survey.merge(group.tally) } else { spontaneous.merge(group.tally) }
        }
        var note = NPSSample()
        if spontaneous.npsN > 0 || (survey.count == 0) { note.spontaneous = text["nps_spontaneous_label"] ?? "spontaneous sample, not a measurement" }
        if survey.count > 0 { note.survey = surveyBlock(survey) }
        return note
    }

    /// Survey NPS (respondents only) with its response rate and the NPS counting non-responders as passives
    /// and as detractors, each with its interval.
    func surveyBlock(_ tally: Tally) -> NPSSample.Survey {
        func figure(_ metric: MetricID) -> NPSSample.Figure {
            let value = tally.evaluate(metric, minimumN: minimumN)
            return NPSSample.Figure(
                label: text[metric == .nps ? "nps_respondents_only" : metric.rawValue] ?? metric.rawValue,
                value: value.insufficient ? (text["insufficient"] ?? "—") : Format.value(.nps, value.value),
                ci: Format.interval(.nps, value), n: value.n)
        }
        let rate = tally.count > 0 ? 100 * Double(tally.npsN) / Double(tally.count) : 0
        let rateText = (text["nps_response_rate_of"] ?? "NPS response rate {rate} % ({answers} answers of {records} survey responses)")
            .replacingOccurrences(of: "{rate}", with: String(format: "%.1f", rate))
            .replacingOccurrences(of: "{answers}", with: String(tally.npsN))
            .replacingOccurrences(of: "{records}", with: String(tally.count))
        return NPSSample.Survey(responseRate: rateText, figures: [figure(.nps), figure(.npsNonrespondersPassive), figure(.npsNonrespondersDetractors)])
    }
}
