import Foundation
import OtklikCore
import OtklikStore

/// How the demo's visitors answer a survey: sampled into it in chunks of 200 as the visits happen, then each
/// invitation's outcome drawn from a stream of its own, so the counts do not depend on how many questions each
/// respondent drew (rotation is keyed by the random invitation ids): 4 % never reached, 10 % refuse, 13 % never
/// answer, 4 % stop after the first question, the rest complete it. `answers` gives a respondent's answers to the
/// questions shown (the visit, the questions, whether they stopped early).
enum DemoSurveyOutcomes {
    static func play(
        _ surveys: any SurveyRepository, survey code: String, rotation: Survey, visits items: [SurveyInteraction], end: Date, outcomeSeed: UInt64,
        answers: (SurveyInteraction, [String], Bool) -> [SurveyAnswer]
    ) async throws {
        var invited: [(SurveyInteraction, String)] = []
        for chunkStart in stride(from: 0, to: items.count, by: 200) {
            let chunk = Array(items[chunkStart..<min(chunkStart + 200, items.count)])
            let results = try await surveys.sample(survey: code, chunk, now: chunk.last?.at ?? end, deliver: false)
            for (item, result) in zip(chunk, results) { if let invitation = result.invitation { invited.append((item, invitation)) } }
        }
        var outcomes = SeededRandom(seed: outcomeSeed)
        for (item, invitation) in invited {
            let answeredAt = item.at.addingTimeInterval(3600 * (1 + 20 * outcomes.unit()))
            let roll = outcomes.unit()
            if roll < 0.04 {
                try await surveys.markNoContact(invitation: invitation)
                continue
            } else if roll < 0.14 {
                try await surveys.respond(invitation: invitation, answers: [], status: .refused, now: answeredAt)
                continue
            } else if roll < 0.27 {
                continue  // never answered
            }
            let shown = try await surveys.recordShown(invitation: invitation, questions: rotation.rotatedQuestions(for: invitation))
            let partial = roll < 0.31
            try await surveys.respond(
                invitation: invitation, answers: answers(item, shown, partial), status: partial ? .partial : .completed, now: answeredAt)
        }
    }
}
