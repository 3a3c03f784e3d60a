import Foundation
import OtklikCore
import Synchronization
@testable import OtklikStore
import Testing

/// A group commit reads its stored ids and known codes before its transaction takes the writer's lock
/// (``IdempotentInsert/read(_:in:)``), on every engine: what another writer commits between that read and the
/// transaction is still seen — a record stored since fails the transaction as a unique violation, and the group commit
/// (handed that stale read as its first read, ``GroupCommitter/FirstRead``) writes again reading inside its transaction
/// (a duplicate, not a second row); a code created since is found by the transaction (not refused as unknown).
@Suite struct GroupReadsContractTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_000_000)

    static func feedback(_ id: String, location: String = "L1") -> Feedback {
        Feedback(id: id, ts: t0, channel: .qrWeb, kind: .informative, location: location, csat: 4, comment: "x")
    }

    static func request(_ items: [Feedback]) -> IdempotentInsert.Request<Feedback> {
        IdempotentInsert.Request(items: items.map { $0.normalized() }, createMissingReferences: false, normalized: true)
    }

    @Test(arguments: TestEngine.available)
    func aRecordStoredAfterTheReadIsADuplicateNotASecondRow(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await database.reference.save(Location(code: "L1", name: "Офис"))
            let group = [Self.request([Self.feedback("f1"), Self.feedback("f2")])]
            let reads = try await IdempotentInsert.read(group, in: database.sql)
            #expect(reads.stored.isEmpty && reads.known["locations"] == ["L1"])
            // Another writer (another server, an import) stores f1 after the read.
            let other = try await database.feedback.insert([Self.feedback("f1")], createMissingReferences: false)
            #expect(other.inserted == ["f1"])
            let head = try await database.feed.head()
            let stale = await #expect(throws: (any Error).self) {
                try await database.sql.transaction { tx in try await IdempotentInsert.writeGroup(group, in: tx, reads: reads) }
            }
            #expect(stale.map { database.sql.isUniqueViolation($0) } == true, "the transaction fails on the stored id")
            #expect(try await database.feed.head() == head, "nothing of the failed transaction is left")
            // The group commit handed that same stale read: its first attempt fails as above, and its retry reads
            // inside its transaction (not the stale read again): f1 a duplicate, f2 stored once, the read taken once.
            let firstReads = Mutex(0)
            let results = await GroupCommitter<Feedback>.commit(group, database: database.sql) { _, _ in
                firstReads.withLock { $0 += 1 }
                return reads
            }
            let outcome = try #require(try results.first?.get().0)
            #expect(outcome.inserted == ["f2"] && outcome.duplicates == ["f1"])
            #expect(firstReads.withLock { $0 } == 1, "one read before the lock; the retry reads inside its transaction")
            let rows = try await database.sql.query("SELECT id FROM feedback ORDER BY id", [])
            #expect(rows.compactMap { $0.text("id") } == ["f1", "f2"])
        }
    }

    @Test(arguments: TestEngine.available)
    func aCodeCreatedAfterTheReadIsKnownToTheTransaction(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await database.reference.save(Location(code: "L1", name: "Офис"))
            let group = [Self.request([Self.feedback("f1"), Self.feedback("f2", location: "L2")])]
            let reads = try await IdempotentInsert.read(group, in: database.sql)
            #expect(reads.known["locations"] == ["L1"], "L2 does not exist yet")
            try await database.reference.save(Location(code: "L2", name: "Второй офис"))
            let written = try await database.sql.transaction { tx in try await IdempotentInsert.writeGroup(group, in: tx, reads: reads) }
            let outcome = try #require(try written.results.first?.get())
            #expect(outcome.inserted == ["f1", "f2"])
            // A code that exists neither at the read nor at the write is still refused, naming the item.
            let refused = [Self.request([Self.feedback("f3", location: "L9")])]
            let none = try await IdempotentInsert.read(refused, in: database.sql)
            let result = try await database.sql.transaction { tx in try await IdempotentInsert.writeGroup(refused, in: tx, reads: none) }
            #expect(throws: OtklikError.self) { try result.results[0].get() }
            #expect(result.written == nil)
        }
    }
}
