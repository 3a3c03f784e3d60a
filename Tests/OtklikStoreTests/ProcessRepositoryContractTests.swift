import Foundation
import OtklikCore
import OtklikStore
import Testing

/// Service requests, agent states and the calendar: the same idempotent write path on both engines.
@Suite struct ProcessRepositoryContractTests {
    static let t0 = Date(timeIntervalSince1970: 1_772_445_600)

    static func request(_ id: String, status: RequestStatus = .completed, cost: Double? = 120.5) -> ServiceRequest {
        ServiceRequest(
            id: id, service: "passport", location: "L1", channel: .web, customer: "C1", submittedAt: t0, status: status,
            closedAt: status == .open ? nil : t0.addingTimeInterval(3600.25), cost: cost)
    }

    @Test(arguments: TestEngine.available)
    func requestsAreIdempotentAndRoundTrip(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let first = try await database.process.insert([Self.request("r1"), Self.request("r2", status: .open, cost: nil)], createMissingReferences: true)
            #expect(first.inserted == ["r1", "r2"])
            let retry = try await database.process.insert([Self.request("r1")], createMissingReferences: true)
            #expect(retry.duplicates == ["r1"])
            do {
                _ = try await database.process.insert([Self.request("r1", cost: 99)], createMissingReferences: true)
                Issue.record("other content under a stored id was accepted")
            } catch let error as OtklikError {
                #expect(error.code == .conflict)
            }
            await #expect(throws: OtklikError.self) {
                var unknown = Self.request("r3")
                unknown.service = "visa"
                _ = try await database.process.insert([unknown], createMissingReferences: false)
            }
            var read: [ServiceRequest] = []
            try await database.process.forEachRequestChunk(size: 1) { read += $0 }
            #expect(read.map(\.id) == ["r1", "r2"])
            #expect(read[0] == Self.request("r1").normalized())
            #expect(read[1].closedAt == nil && read[1].cost == nil)
        }
    }

    @Test(arguments: TestEngine.available)
    func agentStatesAndInteractionRequestLinks(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let states = [
                AgentStateInterval(agent: "A1", state: .handling, start: Self.t0, end: Self.t0.addingTimeInterval(300)),
                AgentStateInterval(agent: "A1", state: .available, start: Self.t0.addingTimeInterval(300), end: Self.t0.addingTimeInterval(400)),
            ]
            #expect(try await database.process.insert(states, createMissingReferences: true).inserted.count == 2)
            #expect(try await database.process.insert(states, createMissingReferences: true).duplicates.count == 2)
            var read: [AgentStateInterval] = []
            try await database.process.forEachAgentStateChunk(size: 10) { read += $0 }
            #expect(read == states)
            let call = Interaction(id: "i1", channel: .email, arrivedAt: Self.t0, outcome: .answered, waitSeconds: 3 * 86_400, request: "r1")
            try call.validate()
            _ = try await database.interactions.insert([call], createMissingReferences: true)
            #expect(try await database.interactions.get(id: "i1")?.request == "r1")
        }
    }

    @Test(arguments: TestEngine.available)
    func calendarDaysAreSetAndOverwritten(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await database.process.setCalendarDays([
                CalendarDay(date: "2026-01-01", working: false, name: "New Year"), CalendarDay(date: "2026-11-01", working: true),
            ])
            try await database.process.setCalendarDays([CalendarDay(date: "2026-11-01", working: false, name: "changed")])
            #expect(try await database.process.calendarDays() == [
                CalendarDay(date: "2026-01-01", working: false, name: "New Year"), CalendarDay(date: "2026-11-01", working: false, name: "changed"),
            ])
        }
    }
}
