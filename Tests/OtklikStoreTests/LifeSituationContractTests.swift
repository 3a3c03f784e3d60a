import Foundation
import OtklikCore
import OtklikStore
import Testing

/// Life situations on both engines (issue 19 item 4): the migration stores seed 000's catalogue; a definition replaces
/// by code and a retry changes nothing; signals are read from service requests, transactions and interactions; the
/// feed consumer detects as records arrive, writes one `life_situation.detected` event naming the customer by id, and a
/// replay or a later record within the window adds nothing; the detection is a milestone on the customer's timeline;
/// precision and recall against labels and the request figures match hand-computed values.
@Suite struct LifeSituationContractTests {
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)
    static func day(_ d: Double) -> Date { t0.addingTimeInterval(d * 86_400) }

    static let moving = LifeSituation(
        code: "moving", nameRu: "Переезд", nameEn: "Moving", windowDays: 30, minSignals: 2,
        signals: [LifeSituationSignal(kind: .serviceRequest, code: "address_change"), LifeSituationSignal(kind: .interactionTopic, code: "utilities"),
                  LifeSituationSignal(kind: .transaction, code: "removals")],
        services: ["address_change"])

    @Test(arguments: TestEngine.available)
    func theDefaultCatalogueIsStoredAndDefinitionsReplaceByCode(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            #expect(try await database.lifeSituations.situations().map(\.code).sorted() == LifeSituationCatalogue.defaults.map(\.code).sorted())
            try await database.lifeSituations.define([Self.moving], now: Self.t0)
            try await database.lifeSituations.define([Self.moving], now: Self.t0)
            let stored = try await database.lifeSituations.situations()
            #expect(stored.count == 12 && stored.first { $0.code == "moving" } == Self.moving)
        }
    }

    @Test(arguments: TestEngine.available)
    func theFeedConsumerDetectsOnceWithEvidenceAndAFeedEvent(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await database.lifeSituations.define([Self.moving], now: Self.t0)
            _ = try await database.interactions.insert(
                [Interaction(id: "i1", channel: .callCenter, customer: "A", topic: "utilities", arrivedAt: Self.day(0), outcome: .answered),
                 Interaction(id: "i2", channel: .callCenter, customer: "B", topic: "utilities", arrivedAt: Self.day(0), outcome: .answered)],
                createMissingReferences: true)
            var step = try await LifeSituationFeedStep.run(database: database.sql, limit: 100, now: Self.day(1))
            #expect(step.handled == 0 && step.caughtUp)
            _ = try await database.process.insert(
                [ServiceRequest(id: "r1", service: "address_change", channel: .web, customer: "A", submittedAt: Self.day(10), status: .completed,
                                closedAt: Self.day(13)),
                 ServiceRequest(id: "r2", service: "address_change", channel: .other, customer: "B", submittedAt: Self.day(45), status: .open)],
                createMissingReferences: true)
            _ = try await database.transactions.insert(
                [Transaction(id: "t1", ts: Self.day(20), customer: "A", amount: 900, service: "removals")], createMissingReferences: true)
            step = try await LifeSituationFeedStep.run(database: database.sql, limit: 100, now: Self.day(50))
            #expect(step.handled == 1, "A: utilities then address_change within 30 days; B: 45 days apart; t1 is inside A's window")
            let found = try await database.lifeSituations.detections(customer: "A")
            #expect(found.count == 1 && found[0].situation == "moving" && found[0].detectedAt == Self.day(10))
            #expect(found[0].evidence.map(\.record) == ["i1", "r1"] && found[0].evidence.map(\.signal.key) == ["interaction_topic:utilities", "service_request:address_change"])
            #expect(try await database.lifeSituations.detections(customer: "B").isEmpty)
            // One feed event of its kind; the row carries its position and the customer's id (no contact column).
            let events = try await database.feed.events(after: 0, limit: 100).filter { $0.kind == .lifeSituationDetected }
            #expect(events.count == 1 && events[0].records == 1)
            let position = try #require(events.first?.position)
            let forProgrammes = try await database.lifeSituations.detections(after: position - 1, through: position)
            #expect(forProgrammes.map(\.customer) == ["A"])
            // A replay from the start, or the whole detection run again, adds nothing.
            try await database.sql.execute("UPDATE feed_consumers SET position = 0 WHERE name = ?", [.text(LifeSituationFeedStep.consumer)])
            _ = try await LifeSituationFeedStep.run(database: database.sql, limit: 100, now: Self.day(51))
            #expect(try await database.lifeSituations.detectAll(now: Self.day(52)) == 0)
            #expect(try await database.lifeSituations.counts() == ["moving": 1])
            // The milestone on A's timeline, counted in the total.
            let timeline = try await database.customers.timeline(of: "A", offset: 0, limit: 50)
            let milestone = try #require(timeline.items.first { $0.kind == .lifeSituation })
            #expect(milestone.at == Self.day(10) && milestone.details["situation_en"] == "Moving" && milestone.details["signals"] == "interaction_topic:utilities, service_request:address_change")
            #expect(timeline.total == timeline.items.count && timeline.total == 4)
            // A timeline limited to service points leaves the milestone out (a detection has none), as its total does.
            let located = try await database.customers.timeline(of: "A", offset: 0, limit: 50, locations: ["L01"])
            #expect(!located.items.contains { $0.kind == .lifeSituation } && located.total == located.items.count)
            // Request figures: A's requests from day 10 − 30 to day 10 + 30 (r1, completed online in 3 days); B is not detected.
            let figures = try #require(try await database.lifeSituations.requestFigures().first { $0.situation == "moving" })
            #expect(figures == SituationRequestFigures(situation: "moving", customers: 1, requests: 1, completed: 1, online: 1, meanDaysToComplete: 3))
            // Labels: A rightly, B missed; C labelled too but never detected.
            try await database.lifeSituations.label([LabelledPair(customer: "A", situation: "moving"), LabelledPair(customer: "B", situation: "moving")], source: "test", now: Self.t0)
            try await database.lifeSituations.label([LabelledPair(customer: "A", situation: "moving"), LabelledPair(customer: "B", situation: "moving")], source: "test", now: Self.t0)
            let score = try #require(try await database.lifeSituations.evaluate().first)
            #expect(score.situation == nil && score.truePositives == 1 && score.falsePositives == 0 && score.falseNegatives == 1 && score.recall == 0.5)
        }
    }

    /// A `life_situation` programme acts once on each detection its feed event announces; a replay of the feed does nothing.
    @Test(arguments: TestEngine.available)
    func aLifeSituationProgrammeActsOnceOnADetection(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await database.lifeSituations.define([Self.moving], now: Self.t0)
            var programme = ProgrammeContractTests.programme("movers", holdout: 0.01)
            (programme.trigger, programme.audience) = (.lifeSituation, [])
            try await database.programmes.create(programme, now: Self.t0.addingTimeInterval(-86_400))
            let who = try #require(ProgrammeContractTests.customers(.treated, programme: "movers", share: 0.01, count: 1).first)
            _ = try await database.interactions.insert(
                [Interaction(id: "i1", channel: .callCenter, customer: who, topic: "utilities", arrivedAt: Self.day(0), outcome: .answered),
                 Interaction(id: "i2", channel: .chat, customer: who, topic: "utilities", arrivedAt: Self.day(1), outcome: .answered)],
                createMissingReferences: true)
            _ = try await database.transactions.insert(
                [Transaction(id: "t1", ts: Self.day(3), customer: who, amount: 900, service: "removals")], createMissingReferences: true)
            #expect(try await LifeSituationFeedStep.run(database: database.sql, limit: 100, now: Self.day(4)).handled == 1)
            let step = {
                try await database.programmes.triggerFromFeed(
                    consumer: "programmes", following: nil, limit: 100, organisationZone: ProgrammeContractTests.moscow, now: Self.day(4))
            }
            _ = try await step()
            let detection = try #require(try await database.lifeSituations.detections(customer: who).first)
            #expect(try await database.programmes.actions(programme: "movers").map(\.triggerKey) == ["life_situation:" + detection.id])
            try await database.sql.execute("UPDATE feed_consumers SET position = 0 WHERE name = 'programmes'")
            _ = try await step()
            #expect(try await database.programmes.actions(programme: "movers").count == 1)
        }
    }
}
