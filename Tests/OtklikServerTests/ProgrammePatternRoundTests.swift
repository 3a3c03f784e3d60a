import Foundation
import OtklikApplication
import OtklikCore
import OtklikServer
import OtklikStore
import Testing

/// The programmes' round runs the stalled-request and lapsing-regular triggers once per day of the organisation's
/// calendar (a second round the same day does nothing, the next day's round finds nothing new for the same request or
/// lapse), and a first-purchase programme is left to the feed.
@Suite struct ProgrammePatternRoundTests {
    typealias Rounds = ProgrammeRunnerRoundTests

    @Test func theRoundEvaluatesStalledRequestsAndLapsesOnceADay() async throws {
        try await TestApp.withRouter(background: false) { test, _ in
            let database = test.app.database
            let zone = try await Rounds.zone(database)
            try await Rounds.seed(database, customers: 3, at: Rounds.at(days: -60, hour: 8, zone))
            func definition(_ code: String, _ trigger: String) throws -> Programme {
                try ProgrammeDefinition.parse(Data("""
                    {"code": "\(code)", "name": "\(code)", "trigger": \(trigger),
                     "action": {"kind": "message", "channels": ["email"], "template": \(Rounds.template)}, "limits": {"max_contacts": 10},
                     "holdout": 0.01, "outcome": "retention"}
                    """.utf8))
            }
            let created = Rounds.at(days: 0, hour: 8, zone)  // Monday 2026-03-02
            try await database.programmes.create(
                try definition("stalled", #"{"kind": "service_request_stalled", "working_days": 1}"#), now: created)
            try await database.programmes.create(
                try definition("lapse", #"{"kind": "purchase_pattern", "pattern": "overdue_repeat", "factor": 2}"#), now: created)
            try await database.programmes.create(
                try definition("welcome", #"{"kind": "purchase_pattern", "pattern": "first_purchase"}"#), now: created)
            // rr-0's request of Monday: one working day after it is Tuesday; stalled from Wednesday.
            _ = try await database.process.insert(
                [ServiceRequest(id: "q1", service: "SV1", channel: .web, customer: "rr-0", submittedAt: Rounds.at(days: 0, hour: 9, zone), status: .open)],
                createMissingReferences: true)
            // rr-1 bought 40, 30 and 20 days before Monday: a lapse beyond 20 days from day 1 on.
            _ = try await database.transactions.insert(
                [-40, -30, -20].map { Transaction(id: "t\($0)", ts: Rounds.at(days: $0, hour: 12, zone), customer: "rr-1", amount: 100) },
                createMissingReferences: true)
            let runner = ProgrammeRunner(database: database)
            let tuesday = try await runner.runScheduled(now: Rounds.at(days: 1, hour: 12, zone))
            #expect(tuesday == ["stalled": 0, "lapse": 1], "\(tuesday)")
            #expect(try await runner.runScheduled(now: Rounds.at(days: 1, hour: 13, zone)).isEmpty)
            let wednesday = try await runner.runScheduled(now: Rounds.at(days: 2, hour: 12, zone))
            #expect(wednesday == ["stalled": 1, "lapse": 0], "\(wednesday)")
            #expect(try await runner.runScheduled(now: Rounds.at(days: 3, hour: 12, zone)) == ["stalled": 0, "lapse": 0])
            #expect(try await database.programmes.actions(programme: "stalled").map(\.triggerKey) == ["service_request_stalled:q1"])
            #expect(try await database.programmes.actions(programme: "lapse").map(\.triggerKey) == ["purchase_lapse:rr-1:2026-02-10"])
            #expect(try await database.programmes.actions(programme: "welcome").isEmpty)
        }
    }
}
