import Foundation
import OtklikCore
import OtklikStore

/// The demo's second measurement: a service-quality survey of contact-centre callers with what the first does not
/// show — SERVQUAL expectation items beside perceptions (gaps by dimension), stated importance of each factor, and
/// Kano questions about two planned features. Its answers have known truth: speed falls short of expectations most,
/// callers say speed matters most, a call-back is a must-be and a video consultation an attractive feature.
enum DemoServiceQualitySurvey {
    static let code = "service-quality"

    static let survey: Survey = {
        func perception(_ code: String, _ factor: String, _ ru: String, _ en: String) -> SurveyQuestion {
            SurveyQuestion(code: code, type: .likert, textRu: "Вы согласны, что \(ru)?", textEn: "Do you agree that \(en)?", factor: factor)
        }
        func expectation(_ code: String, of item: String, _ ru: String, _ en: String) -> SurveyQuestion {
            SurveyQuestion(
                code: code, type: .likert, textRu: "Вы согласны, что хороший банк \(ru)?", textEn: "Do you agree that a good bank \(en)?",
                expectationOf: item)
        }
        func importance(_ code: String, of factor: String, _ ru: String, _ en: String) -> SurveyQuestion {
            SurveyQuestion(
                code: code, type: .likert, textRu: "Вы согласны, что для вас важно, \(ru)?", textEn: "Do you agree that it matters to you \(en)?",
                importanceOf: factor)
        }
        let questions = [
            SurveyQuestion(
                code: "csat", type: .csat, textRu: "Насколько вы довольны обращением в контакт-центр?",
                textEn: "How satisfied are you with your call to our contact centre?", integral: true),
            perception("speed", "responsiveness", "вам ответили быстро", "you were answered quickly"),
            expectation("speed_exp", of: "speed", "отвечает на звонок быстро", "answers a call quickly"),
            perception("know", "assurance", "оператор знал ответ на ваш вопрос", "the agent knew the answer to your question"),
            expectation("know_exp", of: "know", "даёт ответ с первого звонка", "answers on the first call"),
            perception("care", "empathy", "оператор был внимателен к вам", "the agent paid attention to you"),
            expectation("care_exp", of: "care", "внимателен к каждому клиенту", "pays attention to every customer"),
            importance("speed_imp", of: "responsiveness", "чтобы ответили быстро", "that you are answered quickly"),
            importance("know_imp", of: "assurance", "чтобы оператор знал ответ", "that the agent knows the answer"),
            importance("care_imp", of: "empathy", "чтобы оператор был внимателен", "that the agent pays attention"),
            SurveyQuestion(
                code: "callback", type: .kano, textRu: "Если бы банк перезванивал вам, когда линия занята, как бы вы к этому отнеслись?",
                textEn: "If the bank called you back when the line is busy, how would you feel?",
                dysfunctionalRu: "Если бы банк не перезванивал, когда линия занята, как бы вы к этому отнеслись?",
                dysfunctionalEn: "If the bank did not call you back when the line is busy, how would you feel?"),
            SurveyQuestion(
                code: "video", type: .kano, textRu: "Если бы можно было получить видеоконсультацию, как бы вы к этому отнеслись?",
                textEn: "If you could have a video consultation, how would you feel?",
                dysfunctionalRu: "Если бы видеоконсультации не было, как бы вы к этому отнеслись?",
                dysfunctionalEn: "If there were no video consultation, how would you feel?"),
        ]
        return Survey(
            code: code, titleRu: "Качество обслуживания по телефону", titleEn: "Service quality on the phone", purpose: .measurement,
            maxQuestions: 12, sampling: SurveySampling(method: .simple, probability: 0.3, fatigueDays: 183, seed: 2027), questions: questions)
    }()

    /// Creates the survey (once) and, when it has no invitations yet, samples a month of calls and answers.
    static func seed(_ surveys: any SurveyRepository, seed: UInt64, end: Date, calls: Int = 800) async throws {
        try await surveys.create(survey, now: end.addingTimeInterval(-31 * 86_400))
        guard try await surveys.invitations(survey: code).isEmpty else { return }
        var random = SeededRandom(seed: seed &+ 0x0CA11)
        let start = end.addingTimeInterval(-30 * 86_400)
        var items: [SurveyInteraction] = (0..<calls).map { index in
            SurveyInteraction(
                id: "call-\(index + 1)", at: start.addingTimeInterval(random.unit() * 30 * 86_400),
                customer: String(format: "K%05d", index), location: "L12", channel: "call_center", lang: random.chance(0.9) ? "ru" : "en")
        }
        items.sort { $0.at < $1.at }
        for chunkStart in stride(from: 0, to: items.count, by: 200) {
            let chunk = Array(items[chunkStart..<min(chunkStart + 200, items.count)])
            let results = try await surveys.sample(survey: code, chunk, now: chunk.last?.at ?? end, deliver: false)
            for (item, result) in zip(chunk, results) {
                guard let invitation = result.invitation else { continue }
                let answeredAt = item.at.addingTimeInterval(3600 * (1 + 10 * random.unit()))
                if random.chance(0.2) { continue }  // never answered
                let shown = try await surveys.recordShown(invitation: invitation, questions: survey.rotatedQuestions(for: invitation))
                try await surveys.respond(invitation: invitation, answers: answers(shown: shown, random: &random), status: .completed, now: answeredAt)
            }
        }
    }

    /// Perceptions below expectations (speed most), stated importance highest for speed, Kano truth as above.
    static func answers(shown: [String], random: inout SeededRandom) -> [SurveyAnswer] {
        func clamp(_ value: Double, _ range: ClosedRange<Int>) -> Int { min(max(Int(value.rounded()), range.lowerBound), range.upperBound) }
        let perceived = ["speed": 3.0 + random.normal(sd: 0.8), "know": 3.9 + random.normal(sd: 0.6), "care": 4.1 + random.normal(sd: 0.6)]
        let expected = ["speed_exp": 4.6, "know_exp": 4.5, "care_exp": 4.4]
        let stated = ["speed_imp": 4.7, "know_imp": 4.4, "care_imp": 3.9]
        var result: [SurveyAnswer] = []
        for code in shown {
            switch code {
            case "csat":
                let drive = 0.5 * (perceived["speed"]! - 3) + 0.4 * (perceived["know"]! - 3.9) + 0.2 * (perceived["care"]! - 4.1)
                result.append(SurveyAnswer(question: code, score: clamp(3.8 + drive + random.normal(sd: 0.6), 1...5)))
            case "callback":
                // Mostly must-be (neutral if offered, dislike if missing).
                let pair = random.chance(0.7) ? ["must-be", "dislike"] : random.pick([["like", "dislike"], ["neutral", "neutral"]])
                result.append(SurveyAnswer(question: code, choices: pair))
            case "video":
                // Mostly attractive (like if offered, neutral if missing).
                let pair = random.chance(0.6) ? ["like", "neutral"] : random.pick([["neutral", "neutral"], ["like", "live-with"]])
                result.append(SurveyAnswer(question: code, choices: pair))
            default:
                if let value = perceived[code] { result.append(SurveyAnswer(question: code, score: clamp(value + random.normal(sd: 0.4), 1...5))) }
                if let value = expected[code] ?? stated[code] {
                    result.append(SurveyAnswer(question: code, score: clamp(value + random.normal(sd: 0.5), 1...5)))
                }
            }
        }
        return result
    }
}
