import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore
import Testing

/// Issue 20 item 4: journeys on both engines — stored whole and read back equal, the same journey again changes
/// nothing and appends no feed event, a change replaces it in place, a bad reference refuses the whole import, a stage
/// an initiative names cannot be removed, and the events the bindings select from the fact tables.
@Suite struct JourneyContractTests {
    static let t0 = ISO8601DateFormatter().date(from: "2026-03-01T09:00:00Z")!

    static func journey(_ code: String = "getting-service", service: String = "SV1") -> Journey {
        Journey(
            code: code, nameRu: "  Получение услуги ", nameEn: "Getting a service", owner: JourneyOwner(kind: .staff, id: "S01"),
            northStar: "Быстро и понятно", satisfactionTarget: 85,
            stages: [
                JourneyStage(
                    code: "call", nameRu: "Звонок", nameEn: "Call", expectation: "Ответ с первого звонка",
                    touchpoints: [JourneyTouchpoint(channel: .callCenter, service: service)],
                    bindings: [JourneyBinding(source: .interaction, channels: [.callCenter], topics: ["cards"])]),
                JourneyStage(
                    code: "apply", nameRu: "Заявка", nameEn: "Apply",
                    bindings: [JourneyBinding(source: .request, services: [service], statuses: ["open"])]),
                JourneyStage(
                    code: "visit", nameRu: "Визит", nameEn: "Visit", touchpoints: [JourneyTouchpoint(channel: .terminal)],
                    bindings: [JourneyBinding(source: .feedback, channels: [.terminal, .button])]),
                JourneyStage(
                    code: "result", nameRu: "Результат", nameEn: "Result",
                    bindings: [JourneyBinding(source: .request, statuses: ["rejected", "completed"]), JourneyBinding(source: .feedbackCase, statuses: ["opened"])]),
            ])
    }

    static func seed(_ database: AppDatabase) async throws {
        try await database.reference.save(Location(code: "L1", name: "Офис"))
        try await database.reference.save(Staff(code: "S01", name: "Ирина", location: "L1"))
        try await database.reference.save(Service(code: "SV1", name: "Вклад"))
    }

    @Test(arguments: TestEngine.available)
    func storesReplacesAndRefuses(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            try await Self.seed(database)
            let repository = SQLJourneyRepository(database: database.sql)
            let head = try await database.feed.head()
            #expect(try await repository.importAll([Self.journey()], now: Self.t0) == [.created])
            let stored = try #require(try await repository.journey(code: "getting-service"))
            #expect(stored == Self.journey().normalized())
            #expect(stored.nameRu == "Получение услуги" && stored.stages.map(\.code) == ["call", "apply", "visit", "result"])
            #expect(stored.stages[2].bindings[0].channels == [.button, .terminal] && stored.stages[0].touchpoints[0].service == "SV1")
            #expect(stored.stages[3].bindings.map(\.statuses) == [["completed", "rejected"], ["opened"]] && stored.satisfactionTarget == 85)
            #expect(try await database.feed.events(after: head, limit: 10).map(\.kind) == [.journeys])

            // The same file again: unchanged, no feed event.
            #expect(try await repository.importAll([Self.journey()], now: Self.t0) == [.unchanged])
            #expect(try await database.feed.events(after: head, limit: 10).count == 1)

            // A change: stages reordered, one removed, one added; replaced in place.
            var changed = Self.journey()
            changed.stages = [changed.stages[2], changed.stages[0], JourneyStage(code: "feedback", nameRu: "Отзыв", nameEn: "Feedback")]
            changed.active = false
            #expect(try await repository.put(changed, now: Self.t0) == .updated)
            let replaced = try #require(try await repository.journey(code: "getting-service"))
            #expect(replaced == changed.normalized() && replaced.stages.map(\.code) == ["visit", "call", "feedback"] && !replaced.active)
            #expect(try await database.feed.events(after: head, limit: 10).count == 2)

            // An unknown service refuses the whole import, the good journey beside it included; the path names the field.
            do {
                _ = try await repository.importAll([Self.journey("second"), Self.journey("third", service: "NOPE")], now: Self.t0)
                Issue.record("an unknown service was accepted")
            } catch let error as OtklikError {
                #expect(error.field == "journeys[1].stages[0].touchpoints[0].service" && error.message.contains("unknown service 'NOPE'"))
            }
            #expect(try await repository.journey(code: "second") == nil)
            var unknownOwner = Self.journey("fourth")
            unknownOwner.owner = JourneyOwner(kind: .user, id: "nobody")
            await #expect(throws: OtklikError.self) { _ = try await repository.put(unknownOwner, now: Self.t0) }
            #expect(try await repository.journeys().map(\.code) == ["getting-service"])

            // A stage an initiative names cannot be removed.
            try await database.sql.execute(
                "INSERT INTO initiatives (id, title, owner, goal_metric, budget, start_at, control, created_at) VALUES ('i1', 'T', 'O', 'nps', 0, 0, 'all', 0)", [])
            try await database.sql.execute(
                "INSERT INTO initiative_journey_stages (initiative_id, journey_code, stage_code) VALUES ('i1', 'getting-service', 'visit')", [])
            var removing = changed
            removing.stages.removeFirst()
            do {
                _ = try await repository.put(removing, now: Self.t0)
                Issue.record("a stage in an initiative's scope was removed")
            } catch let error as OtklikError {
                #expect(error.code == .conflict && error.message.contains("initiative 'i1'"))
            }
            #expect(try await repository.journey(code: "getting-service")?.stages.count == 3)
        }
    }

    @Test(arguments: TestEngine.available)
    func bindingsSelectTheirEvents(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            try await Self.seed(database)
            let repository = SQLJourneyRepository(database: database.sql)
            _ = try await repository.put(Self.journey(), now: Self.t0)
            let hour = 3600.0
            _ = try await database.interactions.insert([
                Interaction(id: "call-1", channel: .callCenter, customer: "C1", topic: "cards", arrivedAt: Self.t0, outcome: .answered),
                Interaction(id: "call-2", channel: .callCenter, customer: "C2", topic: "loans", arrivedAt: Self.t0, outcome: .answered),
                Interaction(id: "mail-1", channel: .email, customer: "C1", topic: "cards", arrivedAt: Self.t0, outcome: .answered),
            ], createMissingReferences: true)
            _ = try await database.process.insert([
                ServiceRequest(
                    id: "r1", service: "SV1", channel: .web, customer: "C1", submittedAt: Self.t0.addingTimeInterval(hour), status: .completed,
                    closedAt: Self.t0.addingTimeInterval(50 * hour)),
                ServiceRequest(id: "r2", service: "SV1", channel: .web, customer: "C2", submittedAt: Self.t0.addingTimeInterval(2 * hour), status: .open),
                ServiceRequest(
                    id: "r3", service: "SV1", channel: .web, submittedAt: Self.t0.addingTimeInterval(-100 * hour), status: .withdrawn,
                    closedAt: Self.t0.addingTimeInterval(3 * hour)),
            ], createMissingReferences: true)
            _ = try await database.feedback.insert([
                Feedback(id: "f1", ts: Self.t0.addingTimeInterval(3 * hour), channel: .terminal, kind: .informative, location: "L1", customer: "C1", csat: 5, ces: 6),
                Feedback(id: "f2", ts: Self.t0.addingTimeInterval(4 * hour), channel: .button, kind: .impulse, location: "L1", button: .positive),
                Feedback(id: "f3", ts: Self.t0.addingTimeInterval(4 * hour), channel: .qrWeb, kind: .informative, location: "L1", csat: 1),
                Feedback(id: "f4", ts: Self.t0.addingTimeInterval(900 * hour), channel: .terminal, kind: .informative, location: "L1", csat: 2),
            ], createMissingReferences: true)
            let journey = try #require(try await repository.journey(code: "getting-service"))
            let events = try await repository.events(of: journey, from: Self.t0, to: Self.t0.addingTimeInterval(100 * hour))
            let keys = events.map { "\($0.stage) \($0.key) \($0.customer ?? "-")" }.sorted()
            // call-2 has another topic, mail-1 another channel, r3 was withdrawn (not bound), f3 came by QR, f4 is after the period.
            #expect(keys == ["0 interaction:call-1 C1", "1 request:r1:open C1", "1 request:r2:open C2", "2 feedback:f1 C1", "2 feedback:f2 -", "3 request:r1:completed C1"])
            let f1 = try #require(events.first { $0.key == "feedback:f1" })
            #expect(f1.csat == 5 && f1.ces == 6 && f1.at == Self.t0.addingTimeInterval(3 * hour))
            #expect(events.first { $0.key == "request:r1:completed" }?.at == Self.t0.addingTimeInterval(50 * hour))
        }
    }
}
