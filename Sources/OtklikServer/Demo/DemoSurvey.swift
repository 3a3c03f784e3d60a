import Foundation
import OtklikCore
import OtklikStore

/// The demo's representative measurement: a branch-visit survey (NPS integral, SERVQUAL-style Likert factors, CES,
/// a choice and an open question; K = 5), its sampling plan applied to the last two months' visits, and answers whose
/// drivers are known: staff care and speed drive NPS most, and L07 is weak.
enum DemoSurvey {
    static let code = "branch-visit"

    static let survey: Survey = {
        func likert(_ code: String, _ factor: String, _ ru: String, _ en: String) -> SurveyQuestion {
            SurveyQuestion(code: code, type: .likert, textRu: "Вы согласны, что \(ru)?", textEn: "Do you agree that \(en)?", factor: factor)
        }
        let questions = [
            SurveyQuestion(
                code: "nps", type: .nps, textRu: "Насколько вероятно, что вы порекомендуете наш банк друзьям или коллегам?",
                textEn: "How likely are you to recommend our bank to a friend or colleague?", integral: true),
            likert("rel1", "reliability", "ваш вопрос решили с первого раза", "your matter was settled the first time"),
            likert("rel2", "reliability", "вам дали точную информацию", "the information you were given was accurate"),
            likert("spd1", "responsiveness", "вас обслужили быстро", "you were served quickly"),
            likert("spd2", "responsiveness", "ожидание в очереди было приемлемым", "the wait in the queue was acceptable"),
            likert("care1", "empathy", "сотрудник был вежлив и внимателен", "the staff member was polite and attentive"),
            likert("care2", "empathy", "сотрудник понял, что вам нужно", "the staff member understood what you needed"),
            likert("tan1", "tangibles", "в отделении было удобно и чисто", "the office was comfortable and clean"),
            SurveyQuestion(
                code: "ces", type: .ces, textRu: "Вы согласны, что решить ваш вопрос было легко?", textEn: "Do you agree that the bank made it easy to handle your matter?"),
            SurveyQuestion(
                code: "purpose", type: .single, textRu: "С чем вы приходили?", textEn: "What did you come for?",
                options: [
                    ChoiceOption(code: "card", labelRu: "Карта", labelEn: "A card"), ChoiceOption(code: "deposit", labelRu: "Вклад", labelEn: "A deposit"),
                    ChoiceOption(code: "loan", labelRu: "Кредит", labelEn: "A loan"), ChoiceOption(code: "other", labelRu: "Другое", labelEn: "Something else"),
                ]),
            SurveyQuestion(code: "improve", type: .text, textRu: "Что нам стоит улучшить?", textEn: "What should we improve?"),
        ]
        return Survey(
            code: code, titleRu: "Визит в отделение", titleEn: "Your visit to our office", purpose: .measurement, maxQuestions: 5,
            sampling: SurveySampling(method: .simple, probability: 0.25, fatigueDays: 183, seed: 2026), questions: questions)
    }()

    /// Creates the survey (once) and, when it has no invitations yet, samples two months of visits and answers.
    static func seed(_ surveys: any SurveyRepository, seed: UInt64, end: Date, visits: Int = 1_200) async throws {
        try await surveys.create(survey, now: end.addingTimeInterval(-61 * 86_400))
        guard try await surveys.invitations(survey: code).isEmpty else { return }
        var random = SeededRandom(seed: seed &+ 0x5EED)
        let locations = DemoCatalogue.locations.map(\.code)
        let start = end.addingTimeInterval(-60 * 86_400)
        var items: [SurveyInteraction] = (0..<visits).map { index in
            let at = start.addingTimeInterval(random.unit() * 60 * 86_400)
            let location = random.pick(locations)
            return SurveyInteraction(
                id: "visit-\(index + 1)", at: at, customer: String(format: "C%05d", Int(random.unit() * 3_000)), location: location,
                channel: "terminal", lang: random.chance(0.85) ? "ru" : "en")
        }
        items.sort { $0.at < $1.at }
        try await DemoSurveyOutcomes.play(surveys, survey: code, rotation: survey, visits: items, end: end, outcomeSeed: seed &+ 0x0C0E) { item, shown, partial in
            answers(shown: shown, location: item.location ?? "", partial: partial, random: &random)
        }
    }

    /// Answers with known drivers: NPS rises with empathy (most), responsiveness, reliability, and a little with tangibles.
    static func answers(shown: [String], location: String, partial: Bool, random: inout SeededRandom) -> [SurveyAnswer] {
        let weak = location == "L07" ? -0.8 : 0
        let factors: [String: Double] = [
            "reliability": 3.9 + weak * 0.5 + random.normal(sd: 0.6), "responsiveness": 3.5 + weak + random.normal(sd: 0.8),
            "empathy": 4.0 + weak + random.normal(sd: 0.7), "tangibles": 4.2 + random.normal(sd: 0.5),
        ]
        func clamp(_ value: Double, _ range: ClosedRange<Int>) -> Int { min(max(Int(value.rounded()), range.lowerBound), range.upperBound) }
        let drive = 0.25 * (factors["reliability"]! - 3.8) + 0.35 * (factors["responsiveness"]! - 3.4) + 0.5 * (factors["empathy"]! - 3.9)
            + 0.08 * (factors["tangibles"]! - 4.2)
        var result: [SurveyAnswer] = []
        for (position, code) in shown.enumerated() {
            if partial, position >= 2 { break }
            guard let question = survey.question(code) else { continue }
            switch question.type {
            case .nps: result.append(SurveyAnswer(question: code, score: clamp(7.6 + 2.4 * drive + random.normal(sd: 1.1), 0...10)))
            case .likert:
                if random.chance(0.04) { continue }  // skipped
                result.append(SurveyAnswer(question: code, score: clamp(factors[question.factor ?? ""]! + random.normal(sd: 0.45), 1...5)))
            case .ces: result.append(SurveyAnswer(question: code, score: clamp(5.4 + 1.5 * drive + random.normal(sd: 1), 1...7)))
            case .single: result.append(SurveyAnswer(question: code, choices: [random.pick(["card", "card", "deposit", "loan", "other"])]))
            case .text:
                if random.chance(0.3) {
                    result.append(SurveyAnswer(question: code, text: random.pick(["Больше окон в обед", "Всё хорошо", "Дольше работать по субботам", "Понятнее тарифы"])))
                }
            default: break
            }
        }
        return result
    }
}
