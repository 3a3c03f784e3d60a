import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore
import Testing

/// Every survey's invitations in a period counted by outcome in one aggregate query (the response rate judged by
/// period: the monthly report, `/surveys`, a survey's page, the dashboard's alert) — the same counts ``SurveyResults``
/// makes of the invitations the results API filters, on both engines.
@Suite struct InvitationOutcomesContractTests {
    static let t0 = SurveyRepositoryContractTests.now
    static let day: TimeInterval = 86_400

    @Test(arguments: TestEngine.available)
    func countsByOutcomeInThePeriod(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let surveys = database.surveys
            try await surveys.create(SurveyRepositoryContractTests.survey("visit"), now: Self.t0)
            try await surveys.create(SurveyRepositoryContractTests.survey("other", purpose: .feedback), now: Self.t0)
            // visit: day 0 L1 completed, day 1 L1 refused, day 2 L2 open, day 3 no location (open), day 10 L1 completed;
            // other: day 0 L1 partial.
            let plan: [(String, String, Double, String?, InvitationStatus)] = [
                ("visit", "v1", 0, "L1", .completed), ("visit", "v2", 1, "L1", .refused), ("visit", "v3", 2, "L2", .invited),
                ("visit", "v4", 3, nil, .invited), ("visit", "v5", 10, "L1", .completed), ("other", "o1", 0, "L1", .partial),
            ]
            for (survey, id, days, location, status) in plan {
                let at = Self.t0.addingTimeInterval(days * Self.day)
                let (invitation, _) = try await surveys.invite(
                    survey: survey, SurveyInteraction(id: id, at: at, location: location), now: at, deliver: false)
                if status != .invited {
                    let answers = status == .refused ? [] : [SurveyAnswer(question: "nps", score: 9)]
                    try await surveys.respond(invitation: invitation.id, answers: answers, status: status, now: at)
                }
            }
            let period = InvitationFilter(from: Self.t0, to: Self.t0.addingTimeInterval(5 * Self.day))
            let counts = try await surveys.invitationOutcomes(period, locations: nil)
            let visit = try #require(counts["visit"])
            #expect((visit.total, visit.completed, visit.refused, visit.invited, visit.partial) == (4, 1, 1, 2, 0), "\(visit)")
            #expect(counts["other"]?.total == 1 && counts["other"]?.partial == 1)
            // The same counts SurveyResults makes of the invitations the results API filters.
            for code in ["visit", "other"] {
                let survey = try #require(try await surveys.survey(code: code))
                let all = try await surveys.invitations(survey: code)
                #expect(counts[code] == SurveyResults(survey: survey, invitations: all.filter(period.matches), answers: [:]).outcomes, "\(code)")
            }
            var atL1 = period
            atL1.location = "L1"
            #expect(try await surveys.invitationOutcomes(atL1, locations: nil)["visit"]?.total == 2)
            let scoped = try await surveys.invitationOutcomes(period, locations: ["L2"])
            #expect(scoped["visit"]?.total == 1 && scoped["visit"]?.invited == 1 && scoped["other"] == nil, "a scope counts its locations only, none without one")
            #expect(try await surveys.invitationOutcomes(period, locations: []).isEmpty)
            #expect(try await surveys.invitationOutcomes(InvitationFilter(), locations: nil)["visit"]?.total == 5, "no period: every invitation")

            #expect(try await surveys.lastInvitedAt(survey: "visit", locations: nil) == Self.t0.addingTimeInterval(10 * Self.day))
            #expect(try await surveys.lastInvitedAt(survey: "visit", locations: ["L2"]) == Self.t0.addingTimeInterval(2 * Self.day))
            #expect(try await surveys.lastInvitedAt(survey: "other", locations: nil) == Self.t0)
            #expect(try await surveys.lastInvitedAt(survey: nil, locations: ["L9"]) == nil)
        }
    }
}
