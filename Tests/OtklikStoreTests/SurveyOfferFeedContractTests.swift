import Foundation
import OtklikCore
import OtklikMetrics
@testable import OtklikStore
import Testing

/// Survey sampling as an ordered change-feed consumer (issue 17 item 2), on both engines: an offer is stored whole or
/// not at all with one `survey_offers` event, once per survey and interaction id; the `survey-sampling` consumer decides
/// the offers in feed order exactly as sampling in the request did — two servers racing decide each interaction once,
/// in the every-k-th sequence one consumer gives — and an offer committed before a restart is decided after it, once.
@Suite struct SurveyOfferFeedContractTests {
    static let now = SurveyRepositoryContractTests.now
    static let consumer = "survey-sampling"

    static func visit(_ id: String, customer: String? = nil, contact: String? = nil) -> SurveyInteraction {
        SurveyRepositoryContractTests.visit(id, customer: customer, contact: contact)
    }

    static func count(_ sql: String, _ values: [SQLValue] = [], _ database: AppDatabase) async throws -> Int {
        try await database.sql.query(sql, values).first?.int("n") ?? -1
    }

    /// Runs the consumer until it reaches the head, reading again when another one moved it first.
    static func drain(_ surveys: any SurveyRepository, limit: Int = 100, handOver: Duration = .zero) async throws -> Int {
        var handled = 0, moved = 0
        while true {
            do {
                let step = try await surveys.sampleOffersFromFeed(consumer: consumer, limit: limit, segments: nil, handOver: handOver)
                handled += step.handled
                if step.caughtUp { return handled }
            } catch StoreError.consumerMoved {
                moved += 1
                if moved > 1000 { throw StoreError.consumerMoved(consumer) }
            }
        }
    }

    @Test(arguments: TestEngine.available)
    func offersAreStoredWholeOnceAndDecidedByTheConsumer(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let surveys = database.surveys, feed = database.feed
            try await surveys.create(SurveyRepositoryContractTests.survey(), now: Self.now)
            let start = try await feed.head()
            // Refused before anything is written: an unknown survey, a bad item (named by its index and field).
            do {
                _ = try await surveys.offer(survey: "nope", [Self.visit("x")], now: Self.now, deliver: true)
                Issue.record("an unknown survey took an offer")
            } catch let error as OtklikError { #expect(error.code == .notFound && error.field == "code") }
            do {
                _ = try await surveys.offer(survey: "visit", [Self.visit("ok"), SurveyInteraction(id: "bad id", at: Self.now)], now: Self.now, deliver: true)
                Issue.record("a bad item was accepted")
            } catch let error as OtklikError { #expect(error.field == "items[1].id") }
            #expect(try await feed.head() == start)
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM survey_offers", [], database) == 0)

            // One event for the new ids, in the request's order, each once.
            let receipt = try await surveys.offer(
                survey: "visit", [Self.visit("i1", customer: "c1", contact: "+7 900 000-00-01"), Self.visit("i2"), Self.visit("i1")], now: Self.now,
                deliver: true)
            #expect(receipt.interactions == ["i1", "i2"] && receipt.fresh == ["i1", "i2"])
            #expect(receipt.position == start + 1)
            let events = try await feed.events(after: start, limit: 10)
            #expect(events.map(\.kind) == [.surveyOffers] && events.map(\.records) == [2])
            let replay = try await surveys.offer(survey: "visit", [Self.visit("i1")], now: Self.now, deliver: true)
            #expect(replay.fresh.isEmpty && replay.position == nil, "a replayed id offers nothing again")
            #expect(try await feed.head() == start + 1)
            #expect(try await surveys.offerStates(survey: "visit", ids: ["i1", "i2", "never"]) == ["i1": .pending, "i2": .pending])

            #expect(try await Self.drain(surveys, handOver: .seconds(60)) == 2)
            // Delivery waits the hand-over, so the offering request reads the links before delivery forgets them.
            #expect(try await surveys.pendingMessages(limit: 10, now: Date()).isEmpty, "not due during the hand-over")
            let states = try await surveys.offerStates(survey: "visit", ids: ["i1", "i2"])
            let first = try #require(states["i1"]?.result)
            #expect(first.outcome == "invited" && first.invitation != nil && first.token != nil, "p = 1 invites; the link waits in the outbox")
            let due = try await surveys.pendingMessages(limit: 10, now: Date().addingTimeInterval(61))
            #expect(due.first { $0.recipient == "+7 900 000-00-01" }?.token == first.token, "due once the hand-over is over")
            #expect(states["i2"]?.result?.outcome == "invited")
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM survey_offers WHERE contact IS NOT NULL", [], database) == 0, "the contact left the offer")
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM survey_outbox WHERE recipient = '+7 900 000-00-01'", [], database) == 1)
            #expect(try await Self.drain(surveys) == 0, "decided once")
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM survey_decisions", [], database) == 2)
            // An erasure of the customer removes the id the client sent with the offer too.
            let owner = try #require(try await database.sql.query("SELECT customer_id FROM survey_invitations WHERE interaction_id = 'i1'").first?.text("customer_id"))
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM survey_offers WHERE customer = 'c1'", [], database) == 1)
            try await SQLCustomerErasure(database: database.sql).erase(owner)
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM survey_offers WHERE customer IS NOT NULL", [], database) == 0)

            // An offer the survey's closing overtook is decided not_eligible, saying why; a closed survey takes no offer.
            _ = try await surveys.offer(survey: "visit", [Self.visit("i3")], now: Self.now, deliver: true)
            try await surveys.close(survey: "visit", now: Self.now)
            #expect(try await Self.drain(surveys) == 1)
            let late = try #require(try await surveys.offerStates(survey: "visit", ids: ["i3"])["i3"]?.result)
            #expect(late.outcome == "not_eligible" && late.explanation.contains("closed before the offer was decided") && late.invitation == nil)
            let head = try await feed.head()
            do {
                _ = try await surveys.offer(survey: "visit", [Self.visit("i4")], now: Self.now, deliver: true)
                Issue.record("a closed survey took an offer")
            } catch let error as OtklikError { #expect(error.code == .conflict && error.field == "code") }
            #expect(try await feed.head() == head)
        }
    }

    @Test(arguments: TestEngine.available)
    func twoServersRacingDecideEachOfferOnceInTheSequenceOfOneConsumer(engine: TestEngine) async throws {
        try await engine.withDatabaseAndURL { database, url in
            let every5 = SurveySampling(method: .systematic, interval: 5, fatigueDays: 0, seed: 4)
            try await database.surveys.create(SurveyRepositoryContractTests.survey("race", sampling: every5), now: Self.now)
            try await database.surveys.create(SurveyRepositoryContractTests.survey("reference", sampling: every5), now: Self.now)
            // Twelve offers of four interactions; the reference is sampled in the request as before the feed, in the same order.
            var ids: [String] = []
            var reference: [String: String] = [:]
            for batch in 0..<12 {
                let items = (0..<4).map { Self.visit("b\(batch)-\($0)") }
                ids += items.map(\.id)
                _ = try await database.surveys.offer(survey: "race", items, now: Self.now, deliver: false)
                for result in try await database.surveys.sample(survey: "reference", items, now: Self.now, deliver: false) {
                    reference[result.interaction] = result.outcome
                }
            }
            // Two servers (two AppDatabases over one store), two consumers each, all at once, three events a step.
            let second = try await AppDatabase.open(url, logger: TestEngine.logger)
            do {
                let handled = try await withThrowingTaskGroup(of: Int.self) { group in
                    for surveys in [database.surveys, second.surveys, database.surveys, second.surveys] {
                        group.addTask { try await Self.drain(surveys, limit: 3) }
                    }
                    return try await group.reduce(0, +)
                }
                #expect(handled == 48, "each offer decided by one of them")
            } catch {
                try? await second.close()
                throw error
            }
            try await second.close()
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM survey_decisions WHERE survey_code = 'race'", [], database) == 48)
            let states = try await database.surveys.offerStates(survey: "race", ids: ids)
            let outcomes = ids.map { states[$0]?.result?.outcome ?? "missing" }
            #expect(outcomes == ids.map { reference[$0] ?? "?" }, "the sequence one consumer in feed order gives")
            let invited = outcomes.indices.filter { outcomes[$0] == "invited" }
            // Hand count: 48 interactions every 5th from a start in 0…4 → 9 or 10 invitations, 5 apart.
            #expect(invited.count >= 9 && invited.count <= 10 && zip(invited, invited.dropFirst()).allSatisfy { $1 - $0 == 5 }, "\(invited)")
            #expect(try await database.surveys.invitations(survey: "race").count == invited.count)
            #expect(try await database.feedConsumers.position(of: Self.consumer) == database.feed.head())
        }
    }

    @Test(arguments: TestEngine.available)
    func anOfferCommittedBeforeARestartIsDecidedAfterItOnce(engine: TestEngine) async throws {
        try await engine.withDatabaseAndURL { database, url in
            try await database.surveys.create(
                SurveyRepositoryContractTests.survey("restart", sampling: SurveySampling(method: .systematic, interval: 2, fatigueDays: 0, seed: 1)),
                now: Self.now)
            // The server that took the offer stops before its consumer ran.
            let before = try await AppDatabase.open(url, logger: TestEngine.logger)
            let receipt = try await before.surveys.offer(survey: "restart", (0..<4).map { Self.visit("r\($0)") }, now: Self.now, deliver: true)
            try await before.close()
            #expect(receipt.fresh.count == 4)

            let after = try await AppDatabase.open(url, logger: TestEngine.logger)
            do {
                #expect(try await after.surveys.offerStates(survey: "restart", ids: ["r0"]) == ["r0": .pending])
                #expect(try await Self.drain(after.surveys) == 4)
                #expect(try await Self.drain(after.surveys) == 0)
                let outcomes = try await after.surveys.offerStates(survey: "restart", ids: ["r0", "r1", "r2", "r3"])
                // Hand count: every 2nd of 4 → 2 invited, alternating.
                #expect(outcomes.values.filter { $0.result?.outcome == "invited" }.count == 2)
                #expect(outcomes.values.allSatisfy { $0.result != nil })
            } catch {
                try? await after.close()
                throw error
            }
            try await after.close()
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM survey_decisions WHERE survey_code = 'restart'", [], database) == 4)
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM survey_invitations WHERE survey_code = 'restart'", [], database) == 2)
            #expect(try await Self.count("SELECT COUNT(*) AS n FROM survey_outbox", [], database) == 2)
        }
    }
}
