import Foundation
import OtklikCore
import OtklikMetrics
@testable import OtklikStore
import Testing

/// Registered experiments on every engine (issue 19 item 5): a draft changes freely; once started its design is frozen
/// (a change is a conflict naming the fields and writes nothing, the name may still change); start and stop move
/// draft → running → stopped once; the result counts the feedback between the start and the stop, each customer by
/// its first answer, with the hand-computed NPS trinomial test (checked in Python: 16.67 vs 50.0, effect 33.33,
/// SE 48.11, p 0.4884, 95 % [−60.97; 127.63]).
@Suite struct ExperimentContractTests {
    typealias Fixture = FeedbackRepositoryContractTests
    static let t0 = Fixture.t0
    static let moscow = TimeZone(identifier: "Europe/Moscow")!

    static func experiment(_ code: String = "greeting", unit: Experiment.Unit = .customer) -> Experiment {
        Experiment(
            code: code, name: "Greeting by name", hypothesis: "Greeting customers by name raises NPS", unit: unit,
            variants: [.init(name: "control", allocation: 50), .init(name: "by-name", allocation: 50)], metric: .nps, outcome: .nps, horizonDays: 14)
    }

    /// Customers the experiment assigns to `arm` (0 control, 1 treatment).
    static func customers(_ code: String, arm: Int, count: Int) -> [String] {
        Array((1...500).map { "C\($0)" }.filter { ExperimentAssignment.variant(experiment: code, unit: $0, variants: experiment(code).variants) == arm }.prefix(count))
    }

    @Test(arguments: TestEngine.available)
    func theDesignIsFrozenAtTheStart(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let experiments = database.experiments
            try await experiments.create(Self.experiment(), now: Self.t0)
            await #expect(throws: OtklikError.self) { try await experiments.create(Self.experiment(), now: Self.t0) }
            var draft = Self.experiment()
            draft.horizonDays = 28
            draft.alpha = 0.1
            try await experiments.update(code: "greeting", to: draft)
            #expect(try await experiments.experiment(code: "greeting")?.horizonDays == 28)

            try await experiments.start(code: "greeting", timeZone: Self.moscow, now: Self.t0)
            let running = try #require(try await experiments.experiment(code: "greeting"))
            #expect(running.status == .running && running.startedAt == Self.t0 && running.stoppedAt == nil)
            var changed = running
            changed.metric = .csat
            changed.outcome = .csat
            changed.sequential = true
            do {
                try await experiments.update(code: "greeting", to: changed)
                Issue.record("a running experiment's design changed")
            } catch let error as OtklikError {
                #expect(error.code == .conflict)
                #expect(error.field == "metric,outcome,sequential")
            }
            #expect(try await experiments.experiment(code: "greeting") == running, "nothing was written")
            var renamed = running
            renamed.name = "Greeting by first name"
            try await experiments.update(code: "greeting", to: renamed)
            #expect(try await experiments.experiment(code: "greeting")?.name == "Greeting by first name")

            await #expect(throws: OtklikError.self) { try await experiments.start(code: "greeting", timeZone: Self.moscow, now: Self.t0) }
            try await experiments.stop(code: "greeting", now: Self.t0.addingTimeInterval(3_600))
            await #expect(throws: OtklikError.self) { try await experiments.stop(code: "greeting", now: Self.t0) }
            let stopped = try #require(try await experiments.experiment(code: "greeting"))
            #expect(stopped.status == .stopped && stopped.stoppedAt == Self.t0.addingTimeInterval(3_600))
            do {
                try await experiments.update(code: "greeting", to: Self.experiment())
                Issue.record("a stopped experiment's design changed")
            } catch let error as OtklikError {
                #expect(error.code == .conflict && error.field == "horizon_days,alpha")
            }
            await #expect(throws: OtklikError.self) { try await experiments.start(code: "nope", timeZone: Self.moscow, now: Self.t0) }
        }
    }

    @Test(arguments: TestEngine.available)
    func theResultCountsEachCustomersFirstAnswerBetweenStartAndStop(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            let experiments = database.experiments
            try await experiments.create(Self.experiment(), now: Self.t0)
            await #expect(throws: OtklikError.self, "a draft has no result") { try await experiments.result(code: "greeting", timeZone: Self.moscow, now: Self.t0) }
            let control = Self.customers("greeting", arm: 0, count: 6), treated = Self.customers("greeting", arm: 1, count: 6)
            var items: [Feedback] = []
            func answer(_ customer: String, _ nps: Int, minutes: Double) {
                items.append(Feedback(id: "f\(items.count)", ts: Self.t0.addingTimeInterval(minutes * 60), channel: .qrWeb, kind: .informative,
                    location: "L01", customer: customer, nps: nps))
            }
            for (index, score) in [10, 9, 7, 3, 5, 10].enumerated() { answer(control[index], score, minutes: Double(10 + index)) }
            for (index, score) in [10, 10, 9, 8, 6, 10].enumerated() { answer(treated[index], score, minutes: Double(20 + index)) }
            answer(control[3], 10, minutes: 40)  // a second answer: the customer counts by the first
            answer(control[0], 0, minutes: -30)  // before the start
            answer(treated[0], 0, minutes: 90)  // after the stop
            answer(treated[1], 0, minutes: 95)
            _ = try await database.feedback.insert(items, createMissingReferences: false)
            try await experiments.start(code: "greeting", timeZone: Self.moscow, now: Self.t0)
            try await experiments.stop(code: "greeting", now: Self.t0.addingTimeInterval(3_600))

            let result = try await experiments.result(code: "greeting", timeZone: Self.moscow, now: Self.t0.addingTimeInterval(86_400))
            #expect(result.feedback == 12 && result.control == "control" && result.treatment == "by-name")
            let analysis = try #require(result.analysis)
            #expect(analysis.test == "nps_trinomial_z")
            #expect(analysis.control.n == 6 && analysis.treatment.n == 6)
            #expect(abs(analysis.control.value - 16.6667) < 1e-3 && abs(analysis.treatment.value - 50) < 1e-9)
            #expect(abs(analysis.effect - 33.3333) < 1e-3)
            #expect(abs(analysis.standardError - 48.1125) < 1e-3)
            #expect(abs(analysis.pValue - 0.48842) < 1e-4)
            #expect(abs(analysis.ciLow - -60.9655) < 1e-3 && abs(analysis.ciHigh - 127.6321) < 1e-3)
            #expect(!analysis.significant && !analysis.srm.mismatch && analysis.srm.pValue == 1)
        }
    }

    @Test(arguments: TestEngine.available)
    func aSwitchbackCountsEveryAnswerOfADayAsOneCluster(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            let experiments = database.experiments
            var design = Self.experiment("switch", unit: .day)
            design.metric = .csat
            design.outcome = .csat
            try await experiments.create(design, now: Self.t0)
            try await experiments.start(code: "switch", timeZone: Self.moscow, now: Self.t0)
            // 12 days with three answers each; on the new variant's days the answers are 5, 5, 4 (all satisfied), on
            // the control's 5, 3, 2 (one in three).
            var items: [Feedback] = []
            for day in 0..<12 {
                let at = Self.t0.addingTimeInterval(Double(day) * 86_400 + 3_600)
                let treated = ExperimentAssignment.variant(experiment: "switch", unit: ExperimentAssignment.day(at, timeZone: Self.moscow), variants: design.variants) == 1
                let scores: [Int] = treated ? [5, 5, 4] : [5, 3, 2]
                for index in 0..<3 {
                    items.append(Feedback(id: "d\(day)-\(index)", ts: at.addingTimeInterval(Double(index) * 60), channel: .terminal, kind: .informative,
                        location: "L01", csat: scores[index]))
                }
            }
            _ = try await database.feedback.insert(items, createMissingReferences: false)
            let result = try await experiments.result(code: "switch", timeZone: Self.moscow, now: Self.t0.addingTimeInterval(13 * 86_400))
            let analysis = try #require(result.analysis)
            let clusters = try #require(analysis.clusters)
            #expect(clusters.control + clusters.treatment == 12 && clusters.method == "randomisation")
            #expect(analysis.control.n == 3 * clusters.control && analysis.treatment.n == 3 * clusters.treatment)
            #expect(abs(analysis.control.value - 100.0 / 3) < 1e-9 && analysis.treatment.value == 100)
            #expect(abs(analysis.effect - 200.0 / 3) < 1e-9)
        }
    }

    /// The plan (`GET …/plan`) reads a look-back as long as the horizon — ending now for a draft, at the start once
    /// started — each customer by the first answer; the start freezes its units as the planned size. Eight customers'
    /// answers 10, 9, 7, 3, 5, 10, 0, 8 give ExperimentPlanTests' hand-computed MDE of 171.56 NPS points.
    @Test(arguments: TestEngine.available)
    func thePlanReadsALookBackAsLongAsTheHorizonAndTheStartFreezesItsSize(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            let experiments = database.experiments
            try await experiments.create(Self.experiment(), now: Self.t0.addingTimeInterval(-20 * 86_400))
            let empty = try await experiments.plan(code: "greeting", timeZone: Self.moscow, now: Self.t0)
            #expect(empty.plan == nil && empty.units == 0 && empty.feedback == 0)
            #expect(empty.reason == "the look-back holds 0 units with an answer: at least four are needed, two per arm")
            await #expect(throws: OtklikError.self) { try await experiments.plan(code: "nope", timeZone: Self.moscow, now: Self.t0) }

            var items: [Feedback] = []
            func answer(_ customer: String, _ nps: Int, days: Double) {
                items.append(Feedback(id: "p\(items.count)", ts: Self.t0.addingTimeInterval(days * 86_400), channel: .qrWeb, kind: .informative,
                    location: "L01", customer: customer, nps: nps))
            }
            for (index, score) in [10, 9, 7, 3, 5, 10, 0, 8].enumerated() { answer("P\(index)", score, days: -13 + Double(index)) }
            answer("P3", 10, days: -1)  // a second answer: the customer counts by the first
            answer("P0", 0, days: -15)  // before the look-back
            answer("P9", 0, days: 0.5)  // after now
            _ = try await database.feedback.insert(items, createMissingReferences: false)

            let draft = try await experiments.plan(code: "greeting", timeZone: Self.moscow, now: Self.t0)
            #expect(draft.feedback == 8 && draft.units == 8 && draft.plannedUnits == nil && draft.reason == nil)
            #expect(draft.from == Timestamp.format(Self.t0.addingTimeInterval(-14 * 86_400)) && draft.to == Timestamp.format(Self.t0))
            let plan = try #require(draft.plan)
            #expect(plan.units == 8 && plan.controlUnits == 4 && plan.treatmentUnits == 4 && plan.baseline == 0)
            #expect(abs(plan.mde - 171.5614) < 1e-3)

            try await experiments.start(code: "greeting", timeZone: Self.moscow, now: Self.t0)
            #expect(try await experiments.experiment(code: "greeting")?.plannedUnits == 8)
            let later = try await experiments.plan(code: "greeting", timeZone: Self.moscow, now: Self.t0.addingTimeInterval(5 * 86_400))
            #expect(later.to == Timestamp.format(Self.t0) && later.plannedUnits == 8, "once started, the look-back ends at the start")
            #expect(later.plan == plan)
        }
    }
}
