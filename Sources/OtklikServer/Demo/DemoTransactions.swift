import Foundation
import OtklikCore
import OtklikStore

/// The demo's customers with several identities and a year of purchases (issue 18 item 8), deterministic by seed:
///
/// - every customer who complained and then, by id, customers who left demo feedback without complaining, up to a sixth of
///   the feedback records (200 to ``customerLimit``), get an e-mail address, every third a
///   loyalty card, an acquisition source (ads 40 %, search 25 %, referral 35 %; ads and search have monthly costs) and
///   the day of their first purchase as the acquisition day;
/// - duplicates the import rules merge: every 60th customer was first known by an e-mail address alone (a customer of
///   its own) and the import names that address on the customer's row, so it merges;
/// - probable matches for the review queue: pairs of customers with their own ids sharing a device (a family tablet);
/// - a trap: six customers with their own ids give one office phone — a super-node, which links and merges no one and
///   is attached to no one;
/// - two customers with their own ids on one home phone — not merged, the pair goes to review (two customer ids);
/// - purchases every 4–8 weeks on average over the year; the planted churn signal: a customer with an unresolved complaint (its
///   case resolved as `no_answer` or `unfounded`, or still open) stops buying with probability ``churnWithComplaint``
///   (0.60), one with another bad experience with ``churnOtherwise`` (0.40), one without any with
///   ``churnWithoutBadExperience`` (0.05); one who stops makes no purchase in the last 90 days, and
///   one with a bad experience before then (a complaint or a detractor's answer) makes the last within 14 days of it;
/// - the demo programme's customers (``DemoProgramme/plan(customers:end:calendar:)``, drawn from those without an unresolved
///   complaint): their purchases up to their programme complaint as above (the first at least 14 days before it), then the planted outcome — the next purchase
///   after the plan's days (none in the 90 days for those who do not return), then every 4–8 weeks again, with the same
///   chance of stopping.
public enum DemoTransactions {
    public static let customerLimit = 3_000
    public static let churnWithComplaint = 0.60
    public static let churnOtherwise = 0.40
    public static let churnWithoutBadExperience = 0.05
    public static let officePhone = "+7 495 000-00-01"
    public static let familyPhone = "+7 916 000-00-02"

    public struct Summary: Sendable {
        public var customers = 0
        public var transactions = 0
        public var unresolved = 0
        /// The demo programme's customers, their complaint times and planted outcomes (empty unless asked for).
        public var programme: [DemoProgramme.Member] = []
    }

    static func email(_ customer: String) -> String { "\(customer.lowercased())@mail.demo-bank.ru" }

    /// The customers to give purchases for a demo of `records` feedback: a sixth of it, 200 to ``customerLimit`` (the
    /// 20 000-record demo has 3 000, of whom the programme takes 1 200).
    public static func customers(forRecords records: Int) -> Int { min(customerLimit, max(200, records / 6)) }

    /// With `programme`, also plans the demo programme's customers among these (``Summary/programme``) and writes
    /// their purchases with its planted outcome.
    public static func seed(_ database: AppDatabase, seed: UInt64, end: Date, customers limit: Int = customerLimit, programme: Bool = false) async throws -> Summary {
        var random = SeededRandom(seed: seed &+ 0x7EA5)
        // Every customer who complained, then the others by id, up to the limit.
        let complained = try await database.sql.query(
            "SELECT DISTINCT customer_id FROM feedback WHERE kind = 'complaint' AND customer_id LIKE 'C%' ORDER BY customer_id"
        ).compactMap { $0.text("customer_id") }
        let others = try await database.sql.query(
            """
            SELECT DISTINCT customer_id FROM feedback WHERE customer_id LIKE 'C%'
            AND customer_id NOT IN (SELECT customer_id FROM feedback WHERE kind = 'complaint' AND customer_id IS NOT NULL)
            ORDER BY customer_id LIMIT ?
            """, [.int(Int64(limit))]
        ).compactMap { $0.text("customer_id") }
        let complainedSet = Set(complained)
        let customers = Array((complained + others.filter { !complainedSet.contains($0) }).prefix(limit)).sorted()
        let unresolved = Set(try await database.sql.query(
            """
            SELECT DISTINCT f.customer_id FROM feedback f JOIN cases c ON c.feedback_id = f.id
            WHERE f.kind = 'complaint' AND f.customer_id IS NOT NULL AND (c.resolution_code IS NULL OR c.resolution_code IN ('no_answer', 'unfounded'))
            """).compactMap { $0.text("customer_id") })
        var summary = Summary(customers: customers.count, unresolved: customers.filter(unresolved.contains).count)
        let day = 86_400.0
        let yearStart = end.addingTimeInterval(-365 * day)
        let quietFrom = end.addingTimeInterval(-90 * day)
        // The last bad experience before the quiet months (a complaint or a detractor's answer): a customer who stops
        // buying stops within a fortnight of it, so the experience signals of the weeks before tell who is about to
        // leave while their recency still looks like everyone else's.
        let lastStraw = Dictionary(uniqueKeysWithValues: try await database.sql.query(
            """
            SELECT customer_id, MAX(ts) AS at FROM feedback
            WHERE customer_id LIKE 'C%' AND (kind = 'complaint' OR nps <= 6) AND ts < ? GROUP BY customer_id
            """, [.int(Int64((quietFrom.timeIntervalSince1970 * 1000).rounded()))]
        ).compactMap { row in
            row.text("customer_id").flatMap { id in row.int64("at").map { (id, Date(timeIntervalSince1970: Double($0) / 1000)) } }
        })
        if programme {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: try await database.reference.organisation().timezone) ?? TimeZone(identifier: "Europe/Moscow")!
            summary.programme = DemoProgramme.plan(customers: customers.filter { !unresolved.contains($0) }, end: end, calendar: calendar)
        }
        let planned = Dictionary(uniqueKeysWithValues: summary.programme.map { ($0.customer, $0) })

        var transactions: [Transaction] = []
        var rows: [CustomerImportRow] = []
        var aliases: [CustomerImportRow] = []
        for (index, customer) in customers.enumerated() {
            let stops = random.chance(
                unresolved.contains(customer) ? churnWithComplaint : lastStraw[customer] != nil ? churnOtherwise : churnWithoutBadExperience)
            var first = yearStart.addingTimeInterval(random.unit() * 120 * day)
            if let member = planned[customer], first > member.complaintAt.addingTimeInterval(-14 * day) {
                first = member.complaintAt.addingTimeInterval(-(14 + (first.timeIntervalSince(yearStart) / day).truncatingRemainder(dividingBy: 30)) * day)
            }
            let straw = random.unit() * 14 * day
            var last = stops ? first.addingTimeInterval(random.unit() * max(0, quietFrom.timeIntervalSince(first))) : end
            if stops, let bad = lastStraw[customer], bad > first { last = min(bad.addingTimeInterval(straw), quietFrom) }
            let gap = (28 + random.unit() * 28) * day
            let spend = 800 + random.unit() * 3_000
            var n = 0
            func buy(from start: Date, through last: Date) {
                var at = start
                while at <= last && at < end {
                    n += 1
                    let amount = (spend * (0.6 + random.unit() * 0.8)).rounded()
                    transactions.append(Transaction(id: "demo-tx-\(customer)-\(n)", ts: at, customer: customer, amount: amount, quantity: 1 + Int(random.next() % 3)))
                    at = at.addingTimeInterval(gap * (0.5 + random.unit()))
                }
            }
            if let member = planned[customer] {
                // Up to the programme complaint, then the planted next purchase and the rhythm again (or nothing).
                buy(from: first, through: member.complaintAt.addingTimeInterval(-60))
                if let days = member.nextPurchaseDays {
                    let resume = member.complaintAt.addingTimeInterval(days * day + 3_600)
                    buy(from: resume, through: stops ? resume.addingTimeInterval(random.unit() * max(0, quietFrom.timeIntervalSince(resume))) : end)
                }
            } else {
                buy(from: first, through: last)
            }
            let source = ["ads", "ads", "ads", "ads", "search", "search", "search", "referral", "referral", "referral"][Int(random.next() % 10)]
            var identities = [CustomerIdentity(kind: .external, value: customer), CustomerIdentity(kind: .email, value: email(customer))]
            if index % 3 == 0 { identities.append(CustomerIdentity(kind: .loyaltyCard, value: String(format: "CARD%07d", index * 7 + 1))) }
            if index % 60 == 7 { aliases.append(CustomerImportRow(identities: [CustomerIdentity(kind: .email, value: email(customer))])) }
            if index < 40, index % 8 < 2 { identities.append(CustomerIdentity(kind: .device, value: "tablet-\(index / 8)")) }
            if (100..<106).contains(index) {
                if case .identity(let phone) = IdentityNormalizer.normalize(officePhone, as: .phone) { identities.append(phone) }
            }
            if (110..<112).contains(index) {
                if case .identity(let phone) = IdentityNormalizer.normalize(familyPhone, as: .phone) { identities.append(phone) }
            }
            rows.append(CustomerImportRow(identities: identities, acquisitionSource: source, acquiredAt: first))
        }
        // The duplicates exist first (known by an e-mail alone), then the customer file merges them.
        _ = try await SQLCustomerImport(database: database.sql).importRows(aliases, actor: "demo", now: yearStart)
        for start in stride(from: 0, to: rows.count, by: 1_000) {
            _ = try await SQLCustomerImport(database: database.sql).importRows(Array(rows[start..<min(start + 1_000, rows.count)]), actor: "import", now: end)
        }
        for start in stride(from: 0, to: transactions.count, by: 5_000) {
            _ = try await database.transactions.insert(Array(transactions[start..<min(start + 5_000, transactions.count)]), createMissingReferences: false)
        }
        summary.transactions = transactions.count
        var costs: [AcquisitionCost] = []
        let calendar = Calendar(identifier: .gregorian)
        for month in 0..<13 {
            guard let date = calendar.date(byAdding: .month, value: -month, to: end) else { continue }
            let period = String(Timestamp.format(date).prefix(7))
            costs.append(AcquisitionCost(period: period, channel: "ads", amount: 150_000 + Double(month % 4) * 20_000))
            costs.append(AcquisitionCost(period: period, channel: "search", amount: 60_000 + Double(month % 3) * 10_000))
        }
        _ = try await database.transactions.storeCosts(costs)
        return summary
    }
}
