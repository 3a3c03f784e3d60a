import Crypto
import Foundation
import OtklikCore
import OtklikMetrics

public struct SQLMaturityRepository: MaturityRepository {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    static func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    /// SHA-256 of the canonical scores and notes, in hex.
    public static func contentHash(_ assessment: MaturityAssessment) -> String {
        SHA256.hash(data: Data(assessment.canonicalContent().utf8)).map { String(format: "%02x", $0) }.joined()
    }

    public func save(_ assessment: MaturityAssessment, source: MaturitySource, now: Date) async throws -> MaturitySave {
        try assessment.validate()
        var clean = assessment
        clean.scorer = assessment.scorer.trimmingCharacters(in: .whitespacesAndNewlines)
        clean.items = assessment.normalizedItems()
        let hash = Self.contentHash(clean)
        let id = clean.id.isEmpty ? "ma_" + String(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)) : clean.id
        try Identifier.validate(id, field: "id")
        let stored = clean
        return try await database.transaction { tx in
            let latest = try await tx.query(
                "SELECT id, content_hash FROM maturity_assessments ORDER BY taken_at DESC, created_at DESC, id DESC LIMIT 1")
            if let row = latest.first, row.text("content_hash") == hash {
                return .unchanged(try row.string("id"))
            }
            // A retried file dated before the latest assessment: the same content at the same time is stored already.
            let same = try await tx.query(
                "SELECT id FROM maturity_assessments WHERE content_hash = ? AND taken_at = ? ORDER BY created_at LIMIT 1",
                [.text(hash), .int(Self.ms(stored.takenAt))])
            if let row = same.first { return .unchanged(try row.string("id")) }
            if try await !tx.query("SELECT id FROM maturity_assessments WHERE id = ?", [.text(id)]).isEmpty {
                throw OtklikError(.conflict, "an assessment '\(id)' exists already", field: "id")
            }
            try await tx.execute(
                "INSERT INTO maturity_assessments (id, taken_at, scorer, source, content_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                [.text(id), .int(Self.ms(stored.takenAt)), .text(stored.scorer), .text(source.rawValue), .text(hash), .int(Self.ms(now))])
            try await tx.insertRows(
                "maturity_item_scores", columns: ["assessment_id", "item_id", "score", "evidence"],
                rows: stored.items.map { [.text(id), .text($0.itemId), $0.score.map { .int(Int64($0)) } ?? .null, .text($0.evidence)] })
            return .created(id)
        }
    }

    public func assessments() async throws -> [MaturityAssessment] {
        try await load(limit: nil)
    }

    public func latestTwo() async throws -> (current: MaturityAssessment?, previous: MaturityAssessment?) {
        let two = try await load(limit: 2)
        return (two.first, two.count > 1 ? two[1] : nil)
    }

    func load(limit: Int?) async throws -> [MaturityAssessment] {
        let rows = try await database.query(
            "SELECT id, taken_at, scorer FROM maturity_assessments ORDER BY taken_at DESC, created_at DESC, id DESC" + (limit.map { " LIMIT \($0)" } ?? ""))
        var result: [MaturityAssessment] = []
        let order = Dictionary(uniqueKeysWithValues: MaturityCatalogue.items.enumerated().map { ($1.id, $0) })
        for row in rows {
            let id = try row.string("id")
            let items = try await database.query("SELECT item_id, score, evidence FROM maturity_item_scores WHERE assessment_id = ?", [.text(id)])
                .map { MaturityItemScore(itemId: try $0.string("item_id"), score: $0.int("score"), evidence: $0.text("evidence") ?? "") }
                .sorted { (order[$0.itemId] ?? .max) < (order[$1.itemId] ?? .max) }
            result.append(
                MaturityAssessment(
                    id: id, takenAt: Date(timeIntervalSince1970: Double(row.int64("taken_at") ?? 0) / 1000), scorer: try row.string("scorer"),
                    items: items))
        }
        return result
    }

    public static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    public func recordDashboardVisit(username: String, at: Date) async throws {
        try await database.execute(
            "INSERT INTO dashboard_visits (username, day) VALUES (?, ?) ON CONFLICT DO NOTHING", [.text(username), .text(Self.day(at))])
    }

    public func evidence(now: Date) async throws -> [MaturityEvidence] {
        try await MaturityEvidenceSource(database: database).evidence(now: now)
    }
}
