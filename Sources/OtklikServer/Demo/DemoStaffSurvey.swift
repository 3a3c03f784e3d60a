import Foundation
import OtklikCore
import OtklikStore

/// The demo's representative measurement of front-office staff (seed 002: bonuses from a representative sample): a
/// two-question survey (NPS and CSAT) sampled from the visits to four offices over the last 60 days, each visit
/// attributed to the staff member who served it. Some staff are served fewer visits, so their figures fall under the
/// bonus formula's minimum n; one staff member per office is rated better than the rest.
enum DemoStaffSurvey {
    static let code = "staff-visit"
    static let locations = ["L01", "L02", "L03", "L04"]

    static let survey = Survey(
        code: code, titleRu: "Оценка обслуживания сотрудником", titleEn: "How the staff member served you", purpose: .measurement, maxQuestions: 2,
        sampling: SurveySampling(method: .simple, probability: 0.6, fatigueDays: 0, seed: 2027),
        questions: [
            SurveyQuestion(
                code: "nps", type: .nps, textRu: "Насколько вероятно, что вы порекомендуете нас друзьям или коллегам?",
                textEn: "How likely are you to recommend us to a friend or colleague?", integral: true),
            SurveyQuestion(code: "csat", type: .csat, textRu: "Насколько вы довольны обслуживанием сотрудника?", textEn: "How satisfied are you with how the staff member served you?"),
        ])

    /// Creates the survey (once) and, when it has no invitations yet, samples the visits and answers.
    static func seed(_ surveys: any SurveyRepository, seed: UInt64, end: Date, visits: Int = 2_400) async throws {
        try await surveys.create(survey, now: end.addingTimeInterval(-61 * 86_400))
        guard try await surveys.invitations(survey: code).isEmpty else { return }
        let staff = DemoCatalogue.staff.filter { locations.contains($0.location ?? "") && $0.role == "front office" }
        guard !staff.isEmpty else { return }
        // Every staff member's share of the visits: the last of each office serves a third as many.
        let shares = staff.map { member in staff.last { $0.location == member.location }?.code == member.code ? 1.0 : 3.0 }
        let total = shares.reduce(0, +)
        var random = SeededRandom(seed: seed &+ 0x57AF)
        let start = end.addingTimeInterval(-60 * 86_400)
        var items: [SurveyInteraction] = (0..<visits).map { index in
            let at = start.addingTimeInterval(random.unit() * 60 * 86_400)
            var roll = random.unit() * total
            var chosen = staff[staff.count - 1]
            for (member, share) in zip(staff, shares) {
                if roll < share {
                    chosen = member
                    break
                }
                roll -= share
            }
            return SurveyInteraction(id: "staff-visit-\(index + 1)", at: at, location: chosen.location, staff: chosen.code, channel: "terminal", lang: "ru")
        }
        items.sort { $0.at < $1.at }
        let best = Set(locations.compactMap { location in staff.first { $0.location == location }?.code })
        try await DemoSurveyOutcomes.play(surveys, survey: code, rotation: survey, visits: items, end: end, outcomeSeed: seed &+ 0x0B0E) { item, shown, partial in
            let lift = best.contains(item.staff ?? "") ? 1.2 : 0
            var answers: [SurveyAnswer] = []
            for (position, question) in shown.enumerated() {
                if partial, position >= 1 { break }
                switch question {
                case "nps": answers.append(SurveyAnswer(question: question, score: min(10, max(0, Int((7.8 + lift + random.normal(sd: 1.8)).rounded())))))
                case "csat": answers.append(SurveyAnswer(question: question, score: min(5, max(1, Int((4.0 + lift / 2 + random.normal(sd: 0.9)).rounded())))))
                default: break
                }
            }
            return answers
        }
    }
}
