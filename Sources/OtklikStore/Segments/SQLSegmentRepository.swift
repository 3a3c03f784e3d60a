import Foundation
import OtklikCore

/// Segments on either engine: definitions kept as JSON text, profiles computed from transactions and feedback with
/// the SQL both engines share (aggregates per customer, the latest answer found in order).
public struct SQLSegmentRepository: SegmentRepository {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    static func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ ms: Int64?) -> Date { Date(timeIntervalSince1970: Double(ms ?? 0) / 1000) }

    public func define(_ segments: [Segment], now: Date) async throws {
        try await database.transaction { tx in
            for segment in segments {
                let definition = String(decoding: SegmentDefinition.json(segment), as: UTF8.self)
                try await tx.execute(
                    """
                    INSERT INTO segments (code, name_ru, name_en, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (code) DO UPDATE SET name_ru = excluded.name_ru, name_en = excluded.name_en,
                        definition = excluded.definition, updated_at = excluded.updated_at
                    """,
                    [.text(segment.code), .text(segment.nameRu), .text(segment.nameEn), .text(definition), .int(Self.ms(now)), .int(Self.ms(now))])
            }
        }
    }

    public func segments() async throws -> [StoredSegment] {
        try await stored(where: "1 = 1", [])
    }

    public func segment(code: String) async throws -> StoredSegment? {
        try await stored(where: "code = ?", [.text(code)]).first
    }

    func stored(where condition: String, _ binds: [SQLValue]) async throws -> [StoredSegment] {
        try await database.query("SELECT definition, created_at, updated_at FROM segments WHERE \(condition) ORDER BY code", binds).map { row in
            StoredSegment(
                segment: try SegmentDefinition.parse(Data((row.text("definition") ?? "{}").utf8)),
                createdAt: Self.date(row.int64("created_at")), updatedAt: Self.date(row.int64("updated_at")))
        }
    }

    public func profiles(asOf: Date) async throws -> [CustomerProfile] {
        let cut = Self.ms(asOf)
        let day = 86_400_000.0
        var profiles: [String: CustomerProfile] = [:]
        for row in try await database.query(
            """
            SELECT customer_id, SUM(CASE WHEN amount > 0 THEN 1 ELSE 0 END) AS purchases, SUM(amount) AS monetary,
                MIN(CASE WHEN amount > 0 THEN ts END) AS first_ts, MAX(CASE WHEN amount > 0 THEN ts END) AS last_ts
            FROM transactions WHERE ts <= ? GROUP BY customer_id
            """, [.int(cut)])
        {
            guard let customer = row.text("customer_id") else { continue }
            var profile = CustomerProfile(customer: customer)
            profile.purchases = row.int("purchases") ?? 0
            profile.monetary = row["monetary"].double ?? 0
            if let first = row.int64("first_ts") { profile.tenureDays = Double(cut - first) / day }
            if let last = row.int64("last_ts") { profile.recencyDays = Double(cut - last) / day }
            profiles[customer] = profile
        }
        // Feedback in time order per customer: the last one read is the latest.
        for row in try await database.query(
            """
            SELECT customer_id, ts, kind, nps, csat, ces, channel, location_code FROM feedback
            WHERE customer_id IS NOT NULL AND ts <= ? ORDER BY customer_id, ts, id
            """, [.int(cut)])
        {
            guard let customer = row.text("customer_id"), let ts = row.int64("ts") else { continue }
            var profile = profiles[customer] ?? CustomerProfile(customer: customer)
            if profile.tenureDays == nil || profile.purchases == 0 { profile.tenureDays = max(profile.tenureDays ?? 0, Double(cut - ts) / day) }
            if row.text("kind") == "complaint" {
                profile.complaints += 1
                profile.complaintDays = Double(cut - ts) / day
            }
            if let nps = row.int("nps") {
                profile.npsAnswers += 1
                profile.latestNPS = nps
                if nps >= 9 { profile.npsPromoters += 1 } else if nps <= 6 { profile.npsDetractors += 1 }
            }
            if let csat = row.int("csat") {
                profile.csatCount += 1
                if csat >= 4 { profile.csatTop2 += 1 }
            }
            if let ces = row["ces"].double {
                profile.cesCount += 1
                profile.cesSum += ces
                profile.cesSumOfSquares += ces * ces
            }
            profile.channel = row.text("channel") ?? profile.channel
            profile.location = row.text("location_code") ?? profile.location
            profiles[customer] = profile
        }
        return profiles.values.sorted { $0.customer < $1.customer }
    }

    public func commentThemes(asOf: Date) async throws -> [String: [[String]]] {
        var themes: [String: [[String]]] = [:]
        for row in try await database.query(
            """
            SELECT f.customer_id, a.themes FROM feedback f JOIN comment_analysis a ON a.feedback_id = f.id
            WHERE f.customer_id IS NOT NULL AND a.themes IS NOT NULL AND f.ts <= ? ORDER BY f.customer_id, f.ts, f.id
            """, [.int(Self.ms(asOf))])
        {
            guard let customer = row.text("customer_id"), let text = row.text("themes"), !text.isEmpty else { continue }
            themes[customer, default: []].append(text.split(separator: ";").map(String.init))
        }
        return themes
    }

    public func themeNames(lang: String) async throws -> [String: String] {
        var names: [String: String] = [:]
        for row in try await database.query("SELECT code, name_ru, name_en FROM themes") {
            if let code = row.text("code") { names[code] = row.text(lang == "ru" ? "name_ru" : "name_en") ?? code }
        }
        return names
    }

    public func mergedCustomers() async throws -> [String: String] {
        var merged: [String: String] = [:]
        for row in try await database.query("SELECT id, merged_into FROM customers WHERE merged_into IS NOT NULL") {
            if let id = row.text("id"), let into = row.text("merged_into") { merged[id] = into }
        }
        return merged
    }

    public func customers(atLocations locations: Set<String>) async throws -> Set<String> {
        guard !locations.isEmpty else { return [] }
        let codes = locations.sorted()
        let marks = SQLMarks.list(codes.count)
        let rows = try await database.query(
            "SELECT DISTINCT customer_id FROM feedback WHERE customer_id IS NOT NULL AND location_code IN (\(marks))", codes.map { .text($0) })
        return Set(rows.compactMap { $0.text("customer_id") })
    }
}
