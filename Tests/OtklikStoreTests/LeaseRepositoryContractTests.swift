import Foundation
import OtklikStore
import Testing

/// Background-job leases on both engines: one holder at a time, renewal, take-over after expiry or release,
/// and one winner among simultaneous claims.
@Suite struct LeaseRepositoryContractTests {
    @Test(arguments: TestEngine.available)
    func oneHolderAtATime(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let leases = database.leases
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            #expect(try await leases.acquire("webhooks", holder: "a", seconds: 15, now: now))
            #expect(try await !leases.acquire("webhooks", holder: "b", seconds: 15, now: now.addingTimeInterval(5)))
            #expect(try await leases.acquire("mail", holder: "b", seconds: 15, now: now), "leases are per job")
            #expect(try await leases.acquire("webhooks", holder: "a", seconds: 15, now: now.addingTimeInterval(10)), "the holder renews")
            #expect(try await !leases.acquire("webhooks", holder: "b", seconds: 15, now: now.addingTimeInterval(20)), "renewed until 25 s")
            #expect(try await leases.acquire("webhooks", holder: "b", seconds: 15, now: now.addingTimeInterval(25)), "expired: taken over")
            #expect(try await !leases.acquire("webhooks", holder: "a", seconds: 15, now: now.addingTimeInterval(26)))
            #expect(try await leases.holder(of: "webhooks")?.holder == "b")
            try await leases.release("webhooks", holder: "a")  // not a's: nothing changes
            #expect(try await !leases.acquire("webhooks", holder: "a", seconds: 15, now: now.addingTimeInterval(27)))
            try await leases.release("webhooks", holder: "b")
            #expect(try await leases.acquire("webhooks", holder: "a", seconds: 15, now: now.addingTimeInterval(28)), "released: free at once")
        }
    }

    @Test(arguments: TestEngine.available)
    func simultaneousClaimsHaveOneWinner(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let leases = database.leases
            let now = Date()
            let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<8 { group.addTask { try await leases.acquire("supervisor", holder: "h\(index)", seconds: 30, now: now) } }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(wins == 1)
        }
    }
}
