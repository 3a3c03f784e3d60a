import Foundation
import OtklikCore
import OtklikStore

/// A generated customer population with a planted churn signal, independent of `otklik demo` (the same generator as
/// OtklikStoreTests/ChurnPopulation.swift, which the store contract suite runs on both engines): at each 90-day boundary
/// before the as-of date, an active customer with an unresolved complaint stops buying with probability 0.6, any other
/// with 0.25; customers who stay buy every 20 days on average (exponential gaps), file a complaint in a period with
/// probability 0.3, and half of the complaints are resolved within three days, the other half never. Written through the
/// repositories (transactions and feedback resolve their customers) and cases straight into the cases table.
struct PlantedChurnPopulation {
    static let day = 86_400.0
    let asOf: Date
    let customers: Int
    var seed: UInt64 = 0x5EED_C0DE

    struct Generator {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        mutating func exponential(mean: Double) -> Double { -mean * log(1 - next()) }
    }

    /// Writes the population; returns how many customers churned at the boundaries, by whether they had an unresolved
    /// complaint then (for the test's own check of the planted rates).
    @discardableResult
    func write(_ database: AppDatabase) async throws -> (withComplaint: (churned: Int, of: Int), without: (churned: Int, of: Int)) {
        var random = Generator(state: seed)
        var transactions: [Transaction] = []
        var feedback: [Feedback] = []
        var cases: [(id: String, feedback: String, opened: Date, due: Date, resolved: Date?)] = []
        var tally = (withComplaint: (churned: 0, of: 0), without: (churned: 0, of: 0))
        let boundaries = (1...4).reversed().map { asOf.addingTimeInterval(-Double($0) * 90 * Self.day) }
        for index in 0..<customers {
            let customer = String(format: "P%05d", index)
            var t = asOf.addingTimeInterval(-(300 + 150 * random.next()) * Self.day)
            var unresolvedSince: Date?
            var churned = false
            var boundary = boundaries.firstIndex { $0 > t } ?? boundaries.count
            var periodStart = t
            var n = 0
            while !churned, t < asOf {
                let periodEnd = boundary < boundaries.count ? boundaries[boundary] : asOf
                // Purchases and perhaps one complaint in [periodStart, periodEnd).
                while t < periodEnd {
                    n += 1
                    transactions.append(Transaction(id: "\(customer)-t\(n)", ts: t, customer: customer, amount: (500 + 1500 * random.next()).rounded()))
                    t = t.addingTimeInterval(random.exponential(mean: 20) * Self.day)
                }
                if random.next() < 0.3 {
                    let at = periodStart.addingTimeInterval(random.next() * periodEnd.timeIntervalSince(periodStart))
                    let id = "\(customer)-f\(feedback.count)"
                    feedback.append(Feedback(
                        id: id, ts: at, channel: .web, kind: .complaint, customer: customer, nps: Int(random.next() * 7),
                        comment: "Долго ждал ответа", contact: "+7900\(String(format: "%07d", index))", lang: "ru"))
                    let resolved = random.next() < 0.5 ? at.addingTimeInterval(3 * Self.day * random.next()) : nil
                    if resolved == nil, unresolvedSince == nil { unresolvedSince = at }
                    cases.append((id: "case-\(id)", feedback: id, opened: at, due: at.addingTimeInterval(2 * Self.day), resolved: resolved))
                }
                guard boundary < boundaries.count else { break }
                let complaint = unresolvedSince.map { $0 < periodEnd } ?? false
                churned = random.next() < (complaint ? 0.6 : 0.25)
                if complaint {
                    tally.withComplaint.of += 1
                    if churned { tally.withComplaint.churned += 1 }
                } else {
                    tally.without.of += 1
                    if churned { tally.without.churned += 1 }
                }
                periodStart = periodEnd
                t = max(t, periodEnd)
                boundary += 1
            }
        }
        for start in stride(from: 0, to: transactions.count, by: 2000) {
            _ = try await database.transactions.insert(Array(transactions[start..<min(start + 2000, transactions.count)]), createMissingReferences: true)
        }
        for start in stride(from: 0, to: feedback.count, by: 1000) {
            _ = try await database.feedback.insert(Array(feedback[start..<min(start + 1000, feedback.count)]), untimed: [], createMissingReferences: true)
        }
        func ms(_ date: Date?) -> SQLValue { date.map { .int(Int64(($0.timeIntervalSince1970 * 1000).rounded())) } ?? .null }
        // A running server's case-opening consumer may already have opened a case for a complaint (it has a contact):
        // the planted case replaces its times and status.
        for start in stride(from: 0, to: cases.count, by: 100) {
            let chunk = cases[start..<min(start + 100, cases.count)]
            try await database.sql.execute(
                """
                INSERT INTO cases (id, feedback_id, status, opened_at, due_at, resolved_at)
                VALUES \(Array(repeating: "(?, ?, ?, ?, ?, ?)", count: chunk.count).joined(separator: ", "))
                ON CONFLICT (feedback_id) DO UPDATE SET status = excluded.status, opened_at = excluded.opened_at, due_at = excluded.due_at,
                    resolved_at = excluded.resolved_at
                """,
                chunk.flatMap { [.text($0.id), .text($0.feedback), .text($0.resolved == nil ? "new" : "resolved"), ms($0.opened), ms($0.due), ms($0.resolved)] })
        }
        return tally
    }
}
