import Foundation
import OtklikCore
import OtklikStore
import Testing

/// `otklik import customers` of a generated population with known truth, on both engines: the 2,560 records of 1,000
/// people of ``SyntheticIdentityPopulation`` (seed 18), shuffled as scripts/bench-identity shuffles them, imported in one
/// call. Pairwise precision at least 0.99 and recall at least 0.95, scored as scripts/reference/identity_population.py
/// scores a database (each record belongs to the customer owning its most trusted stored identity); the office phone of
/// 30 is a super-node, attached to no one. The pinned counts and FNV-1a digests, and the scores, were read with
/// python3's sqlite3 from the database `otklik import customers` wrote from the same file
/// (`scripts/reference/identity_population.py generate --people 1000 DIR`, then `score DIR DIR/customers.sqlite`).
@Suite struct CustomerImportPopulationContractTests {
    static let population = SyntheticIdentityPopulation(people: 1_000, seed: 18)

    /// The order scripts/reference/identity_population.py writes the records in: Fisher-Yates with SplitMix64(seed +
    /// 1,000,003), from the last index down.
    static func shuffled(_ count: Int, seed: UInt64) -> [Int] {
        var order = Array(0..<count)
        var state = seed &+ 1_000_003
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        for index in stride(from: count - 1, to: 0, by: -1) {
            order.swapAt(index, Int(next() % UInt64(index + 1)))
        }
        return order
    }

    static func fnv1a(_ lines: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in lines.sorted().map({ $0 + "\n" }).joined().utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Each record's customer as the reference scorer reads it: the owner of its most trusted stored identity.
    static func predicted(_ records: [[CustomerIdentity]], owners: [CustomerIdentity: String]) -> [Int] {
        var numbers: [String: Int] = [:]
        return records.enumerated().map { index, identities in
            let customer = identities.sorted().first { owners[$0] != nil }.flatMap { owners[$0] } ?? "missing:\(index)"
            if let number = numbers[customer] { return number }
            numbers[customer] = numbers.count
            return numbers.count - 1
        }
    }

    @Test(arguments: TestEngine.available)
    func theImportFollowsTheMergeRulesOnThePopulation(engine: TestEngine) async throws {
        let normalized = Self.population.normalized()
        let order = Self.shuffled(normalized.count, seed: 18)
        let rows = order.map { CustomerImportRow(identities: normalized[$0]) }
        #expect(rows.count == 2_560)
        try await engine.withDatabase { database in
            let summary = try await SQLCustomerImport(database: database.sql).importRows(rows)
            #expect(summary.rows == 2_560 && summary.created == 1_297 && summary.merges.count == 297 && summary.reviewed == 16)
            #expect(summary.superNodes == 1)
            let sql = database.sql
            let stored = try await sql.query("SELECT kind, value, customer_id FROM customer_identities")
            let identities = stored.map { "\($0.text("kind") ?? "")\t\($0.text("value") ?? "")\t\($0.text("customer_id") ?? "")" }
            let customers = try await sql.query("SELECT id, merged_into FROM customers").map {
                "\($0.text("id") ?? "")\t\($0.text("merged_into") ?? "-")"
            }
            let merges = try await sql.query("SELECT survivor_id, absorbed_id, evidence, moved FROM customer_merges").map {
                "\($0.text("survivor_id") ?? "")\t\($0.text("absorbed_id") ?? "")\t\($0.text("evidence") ?? "")\t\($0.text("moved") ?? "")"
            }
            let review = try await sql.query("SELECT left_id, right_id, reason, shared_kind, shared_value FROM customer_review").map {
                "\($0.text("left_id") ?? "")\t\($0.text("right_id") ?? "")\t\($0.text("reason") ?? "")\t\($0.text("shared_kind") ?? ""):\($0.text("shared_value") ?? "")"
            }
            #expect(identities.count == 3_445 && Self.fnv1a(identities) == "23d494abb0abc626")
            #expect(customers.count == 1_297 && Self.fnv1a(customers) == "1eeb76a3a100f3d5")
            #expect(merges.count == 297 && Self.fnv1a(merges) == "e6ea61771c71d2b6")
            #expect(review.count == 16 && Self.fnv1a(review) == "172373516c8c9079")
            #expect(!identities.contains { $0.hasPrefix("phone\t+74951234567\t") }, "the office phone is attached to no one")

            var owners: [CustomerIdentity: String] = [:]
            for row in stored {
                guard let kind = row.text("kind").flatMap(IdentityKind.init(rawValue:)), let value = row.text("value") else { continue }
                owners[CustomerIdentity(kind: kind, value: value)] = row.text("customer_id")
            }
            let truth = order.map { Self.population.records[$0].person }
            let agreement = PairwiseAgreement(predicted: Self.predicted(order.map { normalized[$0] }, owners: owners), truth: truth)
            print("population score: precision \(agreement.precision), recall \(agreement.recall), pairs \(agreement.predictedPairs)/\(agreement.truePairs)/\(agreement.correctPairs)")
            #expect(agreement.precision >= 0.99 && agreement.recall >= 0.95, "\(agreement)")
            #expect(agreement.predictedPairs == 2_625 && agreement.correctPairs == 2_619 && agreement.truePairs == 2_621)

            // A retry of the same rows stores no customer and no merge and moves no identity. It may see a pair the first
            // pass could not (that pass resolved every row before merging any) and queue it for review; a third adds nothing.
            let again = try await SQLCustomerImport(database: database.sql).importRows(rows)
            #expect(again.created == 0 && again.merges.isEmpty && again.reviewed == 1)
            let third = try await SQLCustomerImport(database: database.sql).importRows(rows)
            #expect(third.created == 0 && third.merges.isEmpty && third.reviewed == 0)
            let after = try await sql.query("SELECT kind, value, customer_id FROM customer_identities").map {
                "\($0.text("kind") ?? "")\t\($0.text("value") ?? "")\t\($0.text("customer_id") ?? "")"
            }
            #expect(Self.fnv1a(after) == Self.fnv1a(identities))
            #expect(try await sql.query("SELECT count(*) AS n FROM customer_merges").first?.int64("n") == 297)
        }
    }
}
