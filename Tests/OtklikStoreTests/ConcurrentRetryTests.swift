import Foundation
import OtklikCore
import OtklikStore
import Testing

/// Issue 15 item 20: the same batch written at once through two servers (two connection pools on one database)
/// is stored once; the second writer gets duplicates, never a unique-key error.
@Suite struct ConcurrentRetryTests {
    /// Opens a second `AppDatabase` on the same database as `body`'s, the way a second server would.
    static func withTwoServers(_ engine: TestEngine, _ body: (AppDatabase, AppDatabase) async throws -> Void) async throws {
        switch engine {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-race-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let first = try await AppDatabase.open("sqlite:\(directory.path)/test.sqlite", logger: TestEngine.logger)
            let second = try await AppDatabase.open("sqlite:\(directory.path)/test.sqlite", logger: TestEngine.logger)
            do {
                try await body(first, second)
            } catch {
                Issue.record(error)
            }
            try? await first.close()
            try? await second.close()
        case .postgres:
            let base = try #require(TestEngine.postgresURL)
            let name = "otklik_r_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            let admin = try PostgresDatabase(url: base, logger: TestEngine.logger)
            try await admin.execute("CREATE DATABASE \(name)")
            var components = try #require(URLComponents(string: base))
            components.path = "/\(name)"
            let first = try await AppDatabase.open(components.string!, logger: TestEngine.logger)
            let second = try await AppDatabase.open(components.string!, logger: TestEngine.logger)
            do {
                try await body(first, second)
            } catch {
                Issue.record(error)
            }
            try? await first.close()
            try? await second.close()
            try? await admin.execute("DROP DATABASE \(name) WITH (FORCE)")
            try? await admin.close()
        }
    }

    @Test(arguments: TestEngine.available)
    func sameBatchThroughTwoServersAtOnceIsStoredOnce(engine: TestEngine) async throws {
        try await Self.withTwoServers(engine) { first, second in
            try await FeedbackRepositoryContractTests.seedReference(first)
            for round in 0..<10 {
                let batch = (0..<200).map { FeedbackRepositoryContractTests.item("race-\(round)-\($0)", minutes: Double($0)) }
                async let a = first.feedback.insert(batch, createMissingReferences: false)
                async let b = second.feedback.insert(batch, createMissingReferences: false)
                let (one, other) = try await (a, b)
                #expect(Set(one.inserted + other.inserted).count == batch.count, "round \(round)")
                #expect(one.inserted.count + other.inserted.count == batch.count, "round \(round)")
                #expect(one.duplicates.count + other.duplicates.count == batch.count, "round \(round)")
            }
            #expect(try await first.feedback.count() == 2_000)
        }
    }

    @Test(arguments: TestEngine.available)
    func overlappingRetriesWithoutTimeAreDuplicates(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await FeedbackRepositoryContractTests.seedReference(database)
            let outcomes = try await withThrowingTaskGroup(of: InsertOutcome.self) { group in
                for attempt in 0..<40 {
                    group.addTask {
                        // Each delivery is stamped with the server's time of its arrival.
                        let item = FeedbackRepositoryContractTests.item("untimed-1", minutes: Double(attempt))
                        return try await database.feedback.insert([item], untimed: ["untimed-1"], createMissingReferences: false)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.flatMap(\.inserted) == ["untimed-1"])
            #expect(outcomes.flatMap(\.duplicates).count == 39)
        }
    }
}
