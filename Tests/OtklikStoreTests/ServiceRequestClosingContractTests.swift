import Foundation
import OtklikCore
import OtklikMetrics
@testable import OtklikStore
import Testing

/// A service request's status moves on (issue 19 item 6), on every engine: an open request posted again closed updates
/// the stored one once, in the same all-or-nothing, idempotent write (the closed version again is a duplicate; any other
/// change, or a closed request changing, is a conflict naming the field, and writes nothing); the change feed carries
/// the closed request at the closing write's position, so an engine that follows the feed — or loads afresh — counts it
/// once, closed; a `service_request_stalled` programme no longer fires for it.
@Suite struct ServiceRequestClosingContractTests {
    static let t0 = ProcessRepositoryContractTests.t0
    static let utc = TimeZone(identifier: "UTC")!

    static func open(_ id: String, customer: String? = "C1", cost: Double? = nil) -> ServiceRequest {
        ServiceRequest(id: id, service: "passport", location: "L1", channel: .web, customer: customer, submittedAt: t0, status: .open, cost: cost)
    }

    static func closed(_ id: String, _ status: RequestStatus = .completed, hours: Double = 30, cost: Double? = 120) -> ServiceRequest {
        var request = open(id)
        request.status = status
        request.closedAt = t0.addingTimeInterval(hours * 3600)
        request.cost = cost
        return request
    }

    static func completion(_ facts: PublicServiceFacts) throws -> MetricValue {
        try facts.report(PublicServiceKPI(kind: .completion), ProcessQuery(), calls: CallFacts(timeZone: utc), now: t0, minimumN: 1).overall
    }

    @Test(arguments: TestEngine.available)
    func anOpenRequestClosesOnceAndTheFeedCarriesIt(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let process = database.process, feed = database.feed
            let first = try await process.insert([Self.open("r1"), Self.closed("r2"), Self.open("r3")], createMissingReferences: true)
            #expect(first.inserted == ["r1", "r2", "r3"] && first.updated.isEmpty)
            // The engine a server holds: loaded at the head, then following the feed.
            var engine = PublicServiceFacts(timeZone: Self.utc)
            try await process.forEachRequestChunk(size: 100) { engine.append($0) }
            let loadedAt = try await feed.head()
            // Hand count: r2 completed of r1, r2, r3 → 1/3 = 33.3 %, Wilson 95 % [6.1, 79.2] (scipy-free formula, see the commit).
            let before = try Self.completion(engine)
            #expect(before.n == 3 && abs((before.value ?? 0) - 100.0 / 3) < 1e-9)

            let closing = try await process.insert([Self.closed("r1")], createMissingReferences: true)
            #expect(closing.updated == ["r1"] && closing.inserted.isEmpty && closing.duplicates.isEmpty)
            let head = try await feed.head()
            #expect(head == loadedAt + 1, "one feed event for the closing")
            let events = try await feed.events(after: loadedAt, limit: 10)
            #expect(events.map(\.kind) == [.serviceRequests] && events.map(\.records) == [1])
            let batch = try await feed.batch(after: loadedAt)
            #expect(batch.serviceRequests == [Self.closed("r1").normalized()], "the feed carries the request as closed")
            engine.append(batch.serviceRequests)
            // Hand count: r1 and r2 completed of three requests → 2/3 = 66.7 %, Wilson 95 % [20.8, 93.9]; appending the
            // closed r1 as a fourth request would read 2/4 = 50 %.
            let after = try Self.completion(engine)
            #expect(after.n == 3 && abs((after.value ?? 0) - 200.0 / 3) < 1e-9)
            #expect(abs((after.ciLow ?? 0) - 20.765960080) < 1e-6 && abs((after.ciHigh ?? 0) - 93.850805528) < 1e-6)
            // An engine loaded afresh reads each request once, as it stands.
            var fresh = PublicServiceFacts(timeZone: Self.utc)
            try await process.forEachRequestChunk(size: 1) { fresh.append($0) }
            let reloaded = try Self.completion(fresh)
            #expect(fresh.requests.map(\.id) == ["r1", "r2", "r3"] && reloaded.value == after.value && reloaded.n == 3)

            // Posting the closed version again is a duplicate and appends nothing.
            let retry = try await process.insert([Self.closed("r1")], createMissingReferences: true)
            #expect(retry.duplicates == ["r1"] && retry.updated.isEmpty && retry.inserted.isEmpty)
            #expect(try await feed.head() == head)
            var stored: [ServiceRequest] = []
            try await process.forEachRequestChunk(size: 10) { stored += $0 }
            #expect(stored.first { $0.id == "r1" } == Self.closed("r1").normalized())
        }
    }

    @Test(arguments: TestEngine.available)
    func everyOtherChangeIsAConflictNamingItsFieldAndWritesNothing(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let process = database.process, feed = database.feed
            _ = try await process.insert([Self.open("r1", cost: 50), Self.closed("r2"), Self.open("r3")], createMissingReferences: true)
            let head = try await feed.head()
            var otherService = Self.closed("r3")
            otherService.service = "visa"
            var otherTime = Self.closed("r3")
            otherTime.submittedAt = Self.t0.addingTimeInterval(60)
            var stillOpen = Self.open("r3")
            stillOpen.cost = 10
            let cases: [(ServiceRequest, String)] = [
                (Self.closed("r2", .withdrawn), "items[0].status"),  // a closed request does not change status
                (Self.closed("r2", hours: 31), "items[0].closed_at"),
                (Self.closed("r2", cost: 99), "items[0].cost"),
                (Self.closed("r1", cost: 60), "items[0].cost"),  // a stated cost does not change on closing
                (otherService, "items[0].service"),
                (otherTime, "items[0].submitted_at"),
                (stillOpen, "items[0].cost"),  // open to open: nothing to move on
            ]
            for (request, field) in cases {
                let error = await #expect(throws: OtklikError.self) {
                    _ = try await process.insert([request], createMissingReferences: true)
                }
                #expect(error?.code == .conflict && error?.field == field, "\(request) → \(field)")
            }
            // All or nothing: a valid closing beside a conflict in the same request writes neither.
            let mixed = await #expect(throws: OtklikError.self) {
                _ = try await process.insert([Self.closed("r3"), Self.closed("r2", .rejected)], createMissingReferences: true)
            }
            #expect(mixed?.field == "items[1].status")
            #expect(try await feed.head() == head, "nothing was written")
            var stored: [ServiceRequest] = []
            try await process.forEachRequestChunk(size: 10) { stored += $0 }
            #expect(stored.map(\.status) == [.open, .completed, .open])
            // Opened and closed in one request: stored once, closed.
            let both = try await process.insert([Self.open("r4"), Self.closed("r4")], createMissingReferences: true)
            #expect(both.inserted == ["r4"] && both.updated.isEmpty)
            let batch = try await feed.batch(after: head)
            #expect(batch.serviceRequests == [Self.closed("r4").normalized()])
        }
    }

    /// Six writers that do not share a group commit (as on six servers) close the same request at once: one closes it, the
    /// others answer a duplicate; one feed event. A writer whose update finds the row no longer open fails its
    /// transaction with ``StaleRevision``, which the group commit retries (reading the closed row).
    @Test(arguments: TestEngine.available)
    func twoWritersClosingOneRequestAtOnceCloseItOnce(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            _ = try await database.process.insert([Self.open("r1")], createMissingReferences: true)
            let head = try await database.feed.head()
            let writers = (0..<6).map { _ in SQLProcessRepository(database: database.sql) }
            let outcomes = try await withThrowingTaskGroup(of: InsertOutcome.self) { group in
                for writer in writers { group.addTask { try await writer.insert([Self.closed("r1")], createMissingReferences: true) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.flatMap(\.updated) == ["r1"] && outcomes.flatMap(\.duplicates).count == 5)
            #expect(try await database.feed.head() == head + 1)
            // The guard a writer that read the row open meets when another closed it first: its update finds no open row
            // and the group commit writes again (the race itself is not forced here: the writers above may not overlap).
            let stale = await #expect(throws: StaleRevision.self) {
                try await database.sql.transaction { tx in try await ServiceRequest.writeRevisions([Self.closed("r1", .withdrawn)], position: head, in: tx) }
            }
            #expect(stale.map { GroupCommitter<ServiceRequest>.isStaleRevision($0) } == true)
            var stored: [ServiceRequest] = []
            try await database.process.forEachRequestChunk(size: 10) { stored += $0 }
            #expect(stored == [Self.closed("r1").normalized()], "nothing of the stale write is left")
        }
    }

    @Test(arguments: TestEngine.available)
    func aClosedRequestNoLongerStalls(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            typealias Patterns = ProgrammeTriggerPatternsContractTests
            try await FeedbackRepositoryContractTests.seedReference(database)
            let programmes = database.programmes
            let programme = Patterns.programme("stalled", trigger: .serviceRequestStalled, stall: ServiceRequestStall(workingDays: 2))
            try await programmes.create(programme, now: Patterns.t0.addingTimeInterval(-86_400))
            let (treated, _) = try await ProgrammeRoundsContractTests.seedCustomers(database, programme: "stalled", treated: 1)
            _ = try await database.process.insert(
                [ServiceRequest(id: "s1", service: "passport", channel: .web, customer: treated[0], submittedAt: Patterns.t0, status: .open)],
                createMissingReferences: true)
            // Closed before its term ended (Wednesday 2026-02-25 + 2 working days = Friday 27th): the Monday evaluation finds nothing.
            let closing = try await database.process.insert(
                [ServiceRequest(id: "s1", service: "passport", channel: .web, customer: treated[0], submittedAt: Patterns.t0, status: .completed,
                    closedAt: Patterns.t0.addingTimeInterval(86_400))],
                createMissingReferences: true)
            #expect(closing.updated == ["s1"])
            let monday = 20514
            #expect(try await programmes.evaluateStalledRequests(
                programme, day: monday, createdAt: Patterns.t0.addingTimeInterval(-86_400), organisationZone: Patterns.moscow,
                now: Patterns.at(monday)) == 0)
            #expect(try await programmes.actions(programme: "stalled").isEmpty)
        }
    }
}
