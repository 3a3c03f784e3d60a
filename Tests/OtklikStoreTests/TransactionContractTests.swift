import Foundation
import OtklikCore
import OtklikInterchange
import OtklikStore
import Testing

/// Transactions and acquisition costs on both engines: idempotent by id, all or nothing, customers resolved
/// (never a silent stub), a change-feed event per write.
@Suite struct TransactionContractTests {
    static let t0 = Date(timeIntervalSince1970: 1_772_445_600)

    static func purchase(_ id: String, customer: String = "C1", amount: Double = 1234.5, location: String? = "L1") -> Transaction {
        Transaction(id: id, ts: t0, customer: customer, amount: amount, quantity: 2, location: location, channel: "web", service: nil)
    }

    @Test(arguments: TestEngine.available)
    func idempotentAllOrNothingAndOnTheFeed(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let head = try await database.feed.head()
            let first = try await database.transactions.insert(
                [Self.purchase("t1"), Self.purchase("t2", amount: -99.9, location: nil)], createMissingReferences: true)
            #expect(first.inserted == ["t1", "t2"])
            let events = try await database.feed.events(after: head, limit: 10)
            #expect(events.map(\.kind) == [.transactions] && events.first?.records == 2)
            #expect(try await database.transactions.insert([Self.purchase("t1")], createMissingReferences: true).duplicates == ["t1"])
            // Other content under a stored id: a conflict, and the good item beside it is not written either.
            do {
                _ = try await database.transactions.insert([Self.purchase("t3"), Self.purchase("t1", amount: 1)], createMissingReferences: true)
                Issue.record("other content under a stored id was accepted")
            } catch let error as OtklikError {
                #expect(error.code == .conflict && error.field == "items[1].id")
            }
            #expect(try await database.transactions.get(id: "t3") == nil)
            // An unknown location is refused when codes are not created; a placeholder customer is refused.
            await #expect(throws: OtklikError.self) {
                _ = try await database.transactions.insert([Self.purchase("t4", location: "L-new")], createMissingReferences: false)
            }
            do {
                _ = try await database.transactions.insert([Self.purchase("t5", customer: "0")], createMissingReferences: true)
                Issue.record("a placeholder customer was accepted")
            } catch let error as OtklikError {
                #expect(error.field == "items[0].customer")
            }
            #expect(try await database.transactions.count() == 2)
            #expect(try await database.transactions.get(id: "t2")?.amount == -99.9)
            #expect(try await database.transactions.get(id: "t1") == Self.purchase("t1"))
            // The customer was resolved through the identity resolver: one customer row with its external identity.
            let owner = try await database.sql.query(
                "SELECT customer_id FROM customer_identities WHERE kind = 'external' AND value = ?", [.text("C1")])
            #expect(owner.first?.text("customer_id") == "C1")
            #expect(try await database.transactions.forCustomer("C1").map(\.id) == ["t1", "t2"])
        }
    }

    @Test(arguments: TestEngine.available)
    func cdnowImportTwiceAddsNothingAndABadChunkRollsBack(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let text = "00001 19970101 1 11.77\n00001 19970101 1 11.77\n00002 19970112 5 77.00\n00002 19970112 1 12.00\n"
            let utc = TimeZone(identifier: "UTC")!
            func records() throws -> [ImportRecord<Transaction>] {
                try CDNOWTransactions.parse(text).map { ImportRecord(line: $0.line, record: CDNOWTransactions.transaction($0, zone: utc)) }
            }
            func run(_ chunks: [[ImportRecord<Transaction>]]) async throws -> BulkImportOutcome {
                let box = Chunks(chunks)
                return try await database.transactions.importChunks(createMissingReferences: true, next: { box.next() }, progress: { _ in })
            }
            let all = try records()
            #expect(try await run([Array(all.prefix(2)), Array(all.dropFirst(2))]) == BulkImportOutcome(inserted: 4, duplicates: 0))
            #expect(try await run([all]) == BulkImportOutcome(inserted: 0, duplicates: 4))
            var changed = all
            changed[3].record.amount = 13
            let fresh = ImportRecord(line: 9, record: Self.purchase("new-1"))
            do {
                _ = try await run([[fresh], changed])
                Issue.record("a changed line was accepted")
            } catch let error as OtklikError {
                #expect(error.code == .conflict && error.field == "line 4, column id")
            }
            let missing = try await database.transactions.get(id: "new-1")
            let count = try await database.transactions.count()
            #expect(missing == nil && count == 4)
        }
    }

    @Test(arguments: TestEngine.available)
    func acquisitionCostsReplaceByPeriodAndChannel(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let costs = [AcquisitionCost(period: "2026-01", channel: "search", amount: 15_000), AcquisitionCost(period: "2026-01", channel: "referral", amount: 0)]
            let first = try await database.transactions.storeCosts(costs)
            #expect(first.inserted == 2 && first.replaced == 0)
            let again = try await database.transactions.storeCosts([AcquisitionCost(period: "2026-01", channel: "search", amount: 16_000)])
            #expect(again.inserted == 0 && again.replaced == 1)
            let amounts = try await database.transactions.costs().map(\.amount)
            #expect(amounts == [0, 16_000])
            await #expect(throws: OtklikError.self) {
                _ = try await database.transactions.storeCosts([costs[0], AcquisitionCost(period: "2026-13", channel: "x", amount: 1)])
            }
            let count = try await database.transactions.costs().count
            #expect(count == 2)
        }
    }
}

private final class Chunks: @unchecked Sendable {
    private var chunks: [[ImportRecord<Transaction>]]
    private let lock = NSLock()
    init(_ chunks: [[ImportRecord<Transaction>]]) { self.chunks = chunks }
    func next() -> [ImportRecord<Transaction>]? {
        lock.lock()
        defer { lock.unlock() }
        return chunks.isEmpty ? nil : chunks.removeFirst()
    }
}
