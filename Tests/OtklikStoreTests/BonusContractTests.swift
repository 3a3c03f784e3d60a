import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore
import Testing

/// Bonus figures on both engines: only representative (measurement) invitations count, never spontaneous feedback or
/// a feedback-purpose survey; the minimum n withholds a figure; the formula is stored and validated.
@Suite struct BonusContractTests {
    static let start = ISO8601DateFormatter().date(from: "2026-10-01T00:00:00Z")!

    static func survey(_ code: String, purpose: SurveyPurpose) -> Survey {
        Survey(
            code: code, titleRu: "Оценка", titleEn: "Rating", purpose: purpose, maxQuestions: 2,
            sampling: SurveySampling(method: .simple, probability: 1, fatigueDays: 0, seed: 1),
            questions: [
                SurveyQuestion(code: "nps", type: .nps, textRu: "Порекомендуете?", textEn: "Recommend?", integral: true),
                SurveyQuestion(code: "csat", type: .csat, textRu: "Довольны?", textEn: "Satisfied?"),
            ])
    }

    /// Invites and answers: `answers` (nps, csat) per respondent, then `refused` refusals and `open` unanswered.
    static func respond(_ database: AppDatabase, survey: String, staff: String, answers: [(Int, Int?)], refused: Int = 0, open: Int = 0, offset: Int = 0) async throws {
        let all: [(Int, Int?)] = answers + Array(repeating: (-1, nil), count: refused + open)
        for (index, answer) in all.enumerated() {
            let item = SurveyInteraction(id: "\(survey)-\(staff)-\(offset + index)", at: start.addingTimeInterval(Double(index) * 60), location: "L1", staff: staff)
            let (invitation, _) = try await database.surveys.invite(survey: survey, item, now: item.at, deliver: false)
            if answer.0 >= 0 {
                var given = [SurveyAnswer(question: "nps", score: answer.0)]
                if let csat = answer.1 { given.append(SurveyAnswer(question: "csat", score: csat)) }
                _ = try await database.surveys.recordShown(invitation: invitation.id, questions: ["nps", "csat"])
                try await database.surveys.respond(invitation: invitation.id, answers: given, status: .completed, now: item.at.addingTimeInterval(600))
            } else if index < answers.count + refused {
                try await database.surveys.respond(invitation: invitation.id, answers: [], status: .refused, now: item.at.addingTimeInterval(600))
            }
        }
    }

    @Test(arguments: TestEngine.available)
    func figuresComeFromRepresentativeInvitationsOnly(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            try await database.reference.save(Location(code: "L1", name: "Офис"))
            try await database.reference.save(Staff(code: "S1", name: "Анна Б.", location: "L1"))
            try await database.reference.save(Staff(code: "S2", name: "Олег В.", location: "L1"))
            try await database.surveys.create(Self.survey("measure", purpose: .measurement), now: Self.start.addingTimeInterval(-86_400))
            try await database.surveys.create(Self.survey("voice", purpose: .feedback), now: Self.start.addingTimeInterval(-86_400))
            // S1: 10 respondents — 6 promoters (9-10), 2 passives, 2 detractors; CSAT 4-5 from 7 of the 9 who answered it;
            // 2 refusals and 3 invitations never answered.
            let s1: [(Int, Int?)] = [(10, 5), (9, 5), (9, 4), (10, 5), (9, 4), (9, 4), (8, 4), (7, 3), (5, 2), (3, nil)]
            try await Self.respond(database, survey: "measure", staff: "S1", answers: s1, refused: 2, open: 3)
            // S2: 4 respondents only, all promoters; and a feedback-purpose survey and spontaneous presses that never count.
            try await Self.respond(database, survey: "measure", staff: "S2", answers: [(10, 5), (10, 5), (10, 5), (10, 5)])
            try await Self.respond(database, survey: "voice", staff: "S1", answers: (0..<20).map { _ in (0, 1) }, offset: 100)
            _ = try await database.feedback.insert(
                (0..<30).map { Feedback(id: "b\($0)", ts: Self.start, channel: .button, kind: .impulse, location: "L1", staff: "S1", button: .negative) },
                createMissingReferences: false)

            let bonus = SQLBonusRepository(database: database.sql)
            #expect(try await bonus.formula() == .standard)
            let formula = BonusFormula(minimumN: 9, npsWeight: 1, csatWeight: 1, tiers: [.init(threshold: 40, bonusPercent: 5), .init(threshold: 60, bonusPercent: 12)])
            try await bonus.saveFormula(formula, by: "tests", now: Self.start)
            #expect(try await bonus.formula() == formula)
            await #expect(throws: OtklikError.self) {
                try await bonus.saveFormula(BonusFormula(minimumN: 9, npsWeight: 1, csatWeight: 1, tiers: [.init(threshold: 60, bonusPercent: 5), .init(threshold: 40, bonusPercent: 9)]), by: nil, now: Self.start)
            }
            await #expect(throws: OtklikError.self) { try await bonus.saveFormula(BonusFormula(minimumN: 2, npsWeight: 1, csatWeight: 0, tiers: [.init(threshold: 0, bonusPercent: 1)]), by: nil, now: Self.start) }
            #expect(try await bonus.formula() == formula, "a refused formula leaves the stored one")

            let figures = try await bonus.figures(from: Self.start, to: Self.start.addingTimeInterval(30 * 86_400), formula: formula)
            #expect(figures.map(\.staff) == ["S1", "S2"])
            let first = figures[0]
            // NPS = (6 − 2) / 10 = 40; adjusted Wald: n' = 13, p = 6.75/13, d = 2.75/13, centre 30.8,
            // var = (p + d − (p − d)²)/13 → 30.8 ± 1.96·√var·100 (Python: −12.586, 74.124).
            #expect(first.nps?.value == 40 && first.nps?.n == 10)
            #expect(abs((first.nps?.interval?.low ?? 0) + 12.586) < 0.001 && abs((first.nps?.interval?.high ?? 0) - 74.124) < 0.001)
            // CSAT % = 7 / 9 = 77.8; Wilson 95 % (Python): 45.259…93.677.
            #expect(first.csatN == 9 && abs((first.csatPercent?.value ?? 0) - 77.78) < 0.01)
            #expect(abs((first.csatPercent?.interval?.low ?? 0) - 45.259) < 0.001 && abs((first.csatPercent?.interval?.high ?? 0) - 93.677) < 0.001)
            // RR1 = 10 completed / 15 invitations.
            #expect(first.outcomes.total == 15 && first.outcomes.refused == 2 && first.outcomes.invited == 3)
            #expect(abs((first.responseRate ?? 0) - 10.0 / 15) < 1e-9)
            // Score (1·40 + 1·77.8) / 2 = 58.9 → the 40 tier, 5 %.
            #expect(abs((first.score ?? 0) - 58.889) < 0.001 && first.bonusPercent == 5)
            let second = figures[1]
            #expect(second.npsN == 4 && second.nps == nil && second.csatPercent == nil && second.score == nil && second.bonusPercent == nil,
                    "below the minimum n: no figure, no bonus")
        }
    }

    @Test(arguments: TestEngine.available)
    func praiseIsPositiveCommentsAboutTheStaffMember(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            try await database.reference.save(Location(code: "L1", name: "Офис"))
            try await database.reference.save(Location(code: "L2", name: "Второй офис"))
            try await database.reference.save(Staff(code: "S1", name: "Анна Б.", location: "L1"))
            let items = [
                Feedback(id: "c4", ts: Self.start, channel: .web, kind: .informative, location: "L2", staff: "S1", comment: "Очень понравилось, прекрасное обслуживание"),
                Feedback(id: "c1", ts: Self.start, channel: .web, kind: .informative, location: "L1", staff: "S1", comment: "Спасибо Анне, всё быстро и вежливо, отлично!"),
                Feedback(id: "c2", ts: Self.start, channel: .web, kind: .informative, location: "L1", staff: "S1", comment: "Очень понравилось, прекрасное обслуживание"),
                Feedback(id: "c3", ts: Self.start, channel: .web, kind: .complaint, location: "L1", staff: "S1", comment: "Ужасно долго, грубый сотрудник, плохо"),
            ]
            _ = try await database.feedback.insert(items, createMissingReferences: false)
            _ = try await database.texts.reanalyze(all: true, chunkSize: 100, progress: { _, _ in })
            let bonus = SQLBonusRepository(database: database.sql)
            let praise = try await bonus.praise(staff: "S1", from: Self.start, to: Self.start.addingTimeInterval(60), limit: 10)
            #expect(Set(praise.map(\.feedbackId)) == ["c1", "c2", "c4"], "wherever it was left")
            // A caller limited to L1 reads the praise left there only (issue 21 item 3); none without locations.
            let atL1 = try await bonus.praise(staff: "S1", from: Self.start, to: Self.start.addingTimeInterval(60), limit: 10, locations: ["L1"])
            #expect(Set(atL1.map(\.feedbackId)) == ["c1", "c2"])
            #expect(try await bonus.praise(staff: "S1", from: Self.start, to: Self.start.addingTimeInterval(60), limit: 10, locations: []).isEmpty)
            #expect(praise.first { $0.feedbackId == "c1" }?.namesThem == true && praise.first { $0.feedbackId == "c2" }?.namesThem == false)
        }
    }
}
