import Foundation
import Logging
import OtklikApplication
import OtklikCore
import OtklikStore
import OtklikTestSupport
import Testing

/// Issue 21 item 2: the per-address limits' contract, the same for the in-memory ``SubmissionLimiter`` (SQLite, one
/// server) and the database's ``SQLRateLimiter`` (on PostgreSQL, and on SQLite where it also runs): `capacity` takes,
/// then refused; refilled at `perMinute`; never above `capacity`; clients and limits apart; a clock behind the last take
/// refills nothing. Then the reason for the second one: two servers on one PostgreSQL, taking in parallel, allow
/// exactly `capacity` between them, where two in-memory limiters allow twice that.
@Suite struct RateLimiterContractTests {
    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case memory, sqlite, postgres
        var testDescription: String { rawValue }
        static var available: [Kind] { LimiterDatabase.postgresURL != nil || ProcessInfo.processInfo.environment["CI"] == "true" ? allCases : [.memory, .sqlite] }

        /// Runs `body` with a maker of limiters of this kind (one database for all of them).
        func with(_ body: (_ make: (String, Int, Double) -> any RateLimiter, _ database: AppDatabase?) async throws -> Void) async throws {
            switch self {
            case .memory:
                try await body({ SubmissionLimiter(name: $0, capacity: $1, perMinute: $2) }, nil)
            case .sqlite, .postgres:
                try await LimiterDatabase.with(postgres: self == .postgres, count: 1) { databases in
                    try await body({ SQLRateLimiter(database: databases[0].sql, name: $0, capacity: $1, perMinute: $2) }, databases[0])
                }
            }
        }
    }

    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: Kind.available)
    func capacityThenRefusedThenRefilled(kind: Kind) async throws {
        try await kind.with { make, _ async throws in
            let limiter = make("public-form", 5, 30)  // 5 at once, one more every 2 s
            #expect(try await !limiter.isExhausted("203.0.113.7", now: Self.t0), "an unseen client is not exhausted")
            var allowed = 0
            for _ in 0..<8 { if try await limiter.allow("203.0.113.7", now: Self.t0) { allowed += 1 } }
            #expect(allowed == 5, "capacity 5 at one instant")
            #expect(try await limiter.isExhausted("203.0.113.7", now: Self.t0))
            #expect(try await limiter.allow("198.51.100.1", now: Self.t0), "another client has its own bucket")
            // 1.9 s later: 0.95 of a token, not enough; 2 s: one.
            #expect(try await limiter.isExhausted("203.0.113.7", now: Self.t0.addingTimeInterval(1.9)))
            #expect(try await !limiter.allow("203.0.113.7", now: Self.t0.addingTimeInterval(1.9)))
            // The refused take at 1.9 s kept its 0.95 token: at 2.5 s it holds 0.95 + 0.3 = 1.25, one take, 0.25 left.
            #expect(try await limiter.allow("203.0.113.7", now: Self.t0.addingTimeInterval(2.5)))
            #expect(try await !limiter.allow("203.0.113.7", now: Self.t0.addingTimeInterval(2.5)))
            // An hour later the bucket is full, never fuller: 5 again, not 1800.
            var later = 0
            for _ in 0..<8 { if try await limiter.allow("203.0.113.7", now: Self.t0.addingTimeInterval(3600)) { later += 1 } }
            #expect(later == 5)
        }
    }

    @Test(arguments: Kind.available)
    func limitsAreApartAndABackwardClockRefillsNothing(kind: Kind) async throws {
        try await kind.with { make, _ async throws in
            let login = make("login", 2, 20)
            let form = make("public-form", 2, 20)
            #expect(try await login.allow("192.0.2.9", now: Self.t0))
            #expect(try await login.allow("192.0.2.9", now: Self.t0))
            #expect(try await !login.allow("192.0.2.9", now: Self.t0))
            #expect(try await form.allow("192.0.2.9", now: Self.t0), "the same address under another limit is untouched")
            // A server whose clock is 30 s behind the last take: no refill, and no tokens taken away either.
            #expect(try await !login.allow("192.0.2.9", now: Self.t0.addingTimeInterval(-30)))
            #expect(try await login.isExhausted("192.0.2.9", now: Self.t0.addingTimeInterval(2)))
            #expect(try await login.allow("192.0.2.9", now: Self.t0.addingTimeInterval(3.5)), "3.5 s at 20 a minute: 1.17 tokens")
            #expect(try await !login.allow("192.0.2.9", now: Self.t0.addingTimeInterval(3.5)))
        }
    }

    @Test(arguments: [Kind.sqlite, .postgres].filter(Kind.available.contains))
    func fullBucketsArePruned(kind: Kind) async throws {
        try await kind.with { make, database async throws in
            let database = try #require(database)
            let limiter = make("voice", 3, 30)  // full again 6 s after its last take
            #expect(try await limiter.allow("a", now: Self.t0))
            #expect(try await make("login", 3, 30).allow("a", now: Self.t0))
            #expect(try await limiter.allow("b", now: Self.t0.addingTimeInterval(100)), "prunes: a's voice bucket is full again")
            let rows = try await database.sql.query("SELECT name, client FROM rate_limit_buckets ORDER BY name, client")
            #expect(rows.map { "\($0.text("name") ?? "")/\($0.text("client") ?? "")" } == ["login/a", "voice/b"], "another limit's rows are its own to prune")
        }
    }

    /// Two servers (two pools on one PostgreSQL database) take 40 times in parallel at one instant from a bucket of 10:
    /// exactly 10 succeed. Two in-memory limiters, as two servers had before, allow 20.
    @Test func twoServersOnOnePostgreSQLShareTheBucket() async throws {
        guard Kind.available.contains(.postgres) else { return }
        try await LimiterDatabase.with(postgres: true, count: 2) { databases in
            let limiters = databases.map { SQLRateLimiter(database: $0.sql, name: "login", capacity: 10, perMinute: 20) }
            let allowed = try await Self.parallelTakes(limiters, takes: 40)
            #expect(allowed == 10, "exactly the capacity across both servers")
            #expect(try await limiters[1].isExhausted("203.0.113.7", now: Self.t0))
        }
        let memory = [SubmissionLimiter(name: "login", capacity: 10, perMinute: 20), SubmissionLimiter(name: "login", capacity: 10, perMinute: 20)]
        #expect(try await Self.parallelTakes(memory, takes: 40) == 20, "in memory each server counts alone")
    }

    static func parallelTakes(_ limiters: [any RateLimiter], takes: Int) async throws -> Int {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<takes {
                let limiter = limiters[index % limiters.count]
                group.addTask { try await limiter.allow("203.0.113.7", now: Self.t0) }
            }
            var allowed = 0
            for try await ok in group where ok { allowed += 1 }
            return allowed
        }
    }
}

/// A fresh migrated database for the limiter suite, opened `count` times (separate pools, as separate servers).
enum LimiterDatabase {
    static let postgresURL = ProcessInfo.processInfo.environment["OTKLIK_TEST_POSTGRES_URL"]
    static let logger: Logger = {
        var logger = Logger(label: "otklik-test")
        logger.logLevel = .warning
        return logger
    }()

    static func with(postgres: Bool, count: Int, _ body: ([AppDatabase]) async throws -> Void) async throws {
        var url: String
        var cleanup: () async throws -> Void
        if postgres {
            let base = try #require(postgresURL, "CI=true but OTKLIK_TEST_POSTGRES_URL is not set")
            let name = "otklik_rl_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            let template = try await MigratedTemplate.shared.postgresTemplate(baseURL: base)
            let admin = try PostgresDatabase(url: base, logger: logger)
            try await admin.execute("CREATE DATABASE \(name) TEMPLATE \(template)")
            var components = try #require(URLComponents(string: base))
            components.path = "/\(name)"
            url = try #require(components.string)
            cleanup = {
                try await admin.execute("DROP DATABASE \(name) WITH (FORCE)")
                try await admin.close()
            }
        } else {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-limits-\(UUID().uuidString)")
            try await MigratedTemplate.shared.copySQLite(to: "\(directory.path)/test.sqlite")
            url = "sqlite:\(directory.path)/test.sqlite"
            cleanup = { try? FileManager.default.removeItem(at: directory) }
        }
        var databases: [AppDatabase] = []
        do {
            for _ in 0..<count { databases.append(try await AppDatabase.open(url, logger: logger)) }
            try await body(databases)
        } catch {
            for database in databases { try? await database.close() }
            try? await cleanup()
            throw error
        }
        for database in databases { try await database.close() }
        try await cleanup()
    }
}
