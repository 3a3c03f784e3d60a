import Crypto
import Foundation
import OtklikCore
import OtklikMetrics

/// One reported mystery-shopping check, as the scores read it.
public struct MysteryReport: Sendable, Equatable {
    public var visit: MysteryVisit
    public var shopper: String
    public var doneAt: Date
    public var staff: String?
    public var score: Double
    /// Item code → fulfilment 0…1.
    public var items: [String: Double]
    public var comment: String?
}

/// Mystery shopping in the store: checklists, planned visits and calls, results — written once for both engines.
public protocol MysteryShoppingRepository: Sendable {
    /// Creates or replaces a checklist (past results keep the scores computed when they were reported).
    func save(_ checklist: MysteryChecklist, now: Date) async throws
    func checklists() async throws -> [MysteryChecklist]
    func checklist(code: String) async throws -> MysteryChecklist?
    /// Plans visits and calls, all or nothing; by id, a resend is a duplicate and other content a conflict.
    func plan(_ visits: [MysteryVisit], now: Date) async throws -> InsertOutcome
    /// Planned checks whose period overlaps [from, to), with whether each was reported.
    func visits(from: Date?, to: Date?) async throws -> [(visit: MysteryVisit, reported: Bool)]
    func visit(id: String) async throws -> MysteryVisit?
    /// Stores a shopper's result: validated against the visit's checklist; the same result again is a duplicate
    /// (`false`), another result for a visit already reported a conflict.
    func report(_ result: MysteryResult, now: Date) async throws -> (stored: Bool, score: Double)
    /// Reported checks done in [from, to).
    func reports(from: Date?, to: Date?) async throws -> [MysteryReport]
    /// The photos stored with a visit's result, by item and position.
    func photos(visit: String) async throws -> [MysteryPhotoInfo]
    /// One stored photo: its type (read from its bytes when stored) and bytes.
    func photo(visit: String, item: String, position: Int) async throws -> (contentType: String, data: Data)?
}

public struct SQLMysteryShoppingRepository: MysteryShoppingRepository {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    static func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ value: Int64) -> Date { Date(timeIntervalSince1970: Double(value) / 1000) }

    public func save(_ checklist: MysteryChecklist, now: Date) async throws {
        try checklist.validate()
        var cleaned = checklist
        cleaned.title = checklist.title.trimmingCharacters(in: .whitespacesAndNewlines)
        cleaned.items = checklist.items.map { item in
            var copy = item
            copy.text = item.text.trimmingCharacters(in: .whitespacesAndNewlines)
            copy.requiredPhrase = item.requiredPhrase.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
            return copy
        }
        let items = String(decoding: try JSONEncoder().encode(cleaned.items), as: UTF8.self)
        let clean = cleaned
        try await database.transaction { tx in
            try await tx.execute(
                """
                INSERT INTO mystery_checklists (code, title, items, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET title = excluded.title, items = excluded.items, updated_at = excluded.updated_at
                """, [.text(clean.code), .text(clean.title), .text(items), .int(Self.ms(now))])
        }
    }

    public func checklists() async throws -> [MysteryChecklist] {
        try await database.query("SELECT code, title, items FROM mystery_checklists ORDER BY code", []).map(Self.checklist(row:))
    }

    public func checklist(code: String) async throws -> MysteryChecklist? {
        try await Self.checklist(code: code, database)
    }

    static func checklist(code: String, _ executor: any SQLExecutor) async throws -> MysteryChecklist? {
        try await executor.query("SELECT code, title, items FROM mystery_checklists WHERE code = ?", [.text(code)]).first.map(checklist(row:))
    }

    static func checklist(row: SQLRow) throws -> MysteryChecklist {
        MysteryChecklist(
            code: try row.string("code"), title: try row.string("title"),
            items: try JSONDecoder().decode([MysteryChecklist.Item].self, from: Data(try row.string("items").utf8)))
    }

    static let visitColumns = "id, checklist_code, location_code, channel, period_from, period_to"

    static func visit(row: SQLRow) throws -> MysteryVisit {
        guard let channel = MysteryVisit.Channel(rawValue: try row.string("channel")), let from = row.int64("period_from"), let to = row.int64("period_to") else {
            throw OtklikError(.internal, "stored mystery visit has an unknown channel or period")
        }
        return MysteryVisit(
            id: try row.string("id"), checklist: try row.string("checklist_code"), location: try row.string("location_code"), channel: channel,
            from: date(from), to: date(to))
    }

    public func plan(_ visits: [MysteryVisit], now: Date) async throws -> InsertOutcome {
        guard !visits.isEmpty else { throw OtklikError.invalid("items", "no visits given") }
        try visits.validateEach { try $0.validate() }
        let batch = visits.map { visit in
            var copy = visit
            copy.from = Self.date(Self.ms(visit.from))
            copy.to = Self.date(Self.ms(visit.to))
            return copy
        }
        return try await database.transaction { tx in
            for (index, visit) in batch.enumerated() {
                if try await Self.checklist(code: visit.checklist, tx) == nil {
                    throw OtklikError.invalid("items[\(index)].checklist", "unknown checklist '\(visit.checklist)'")
                }
                if try await tx.query("SELECT code FROM locations WHERE code = ?", [.text(visit.location)]).isEmpty {
                    throw OtklikError.invalid("items[\(index)].location", "unknown location '\(visit.location)'")
                }
            }
            var outcome = InsertOutcome()
            var seen: [String: MysteryVisit] = [:]
            for (index, visit) in batch.enumerated() {
                let stored = try await tx.query("SELECT \(Self.visitColumns) FROM mystery_visits WHERE id = ?", [.text(visit.id)]).first.map(Self.visit(row:))
                if let previous = stored ?? seen[visit.id] {
                    guard previous == visit else {
                        throw OtklikError(.conflict, "id '\(visit.id)' is already used by a different visit", field: "items[\(index)].id")
                    }
                    outcome.duplicates.append(visit.id)
                    continue
                }
                seen[visit.id] = visit
                try await tx.execute(
                    "INSERT INTO mystery_visits (id, checklist_code, location_code, channel, period_from, period_to, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [.text(visit.id), .text(visit.checklist), .text(visit.location), .text(visit.channel.rawValue), .int(Self.ms(visit.from)),
                     .int(Self.ms(visit.to)), .int(Self.ms(now))])
                outcome.inserted.append(visit.id)
            }
            return outcome
        }
    }

    public func visits(from: Date?, to: Date?) async throws -> [(visit: MysteryVisit, reported: Bool)] {
        var conditions: [String] = []
        var binds: [SQLValue] = []
        if let from { conditions.append("v.period_to > ?"); binds.append(.int(Self.ms(from))) }
        if let to { conditions.append("v.period_from < ?"); binds.append(.int(Self.ms(to))) }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try await database.query(
            """
            SELECT v.id, v.checklist_code, v.location_code, v.channel, v.period_from, v.period_to, r.visit_id AS reported
            FROM mystery_visits v LEFT JOIN mystery_results r ON r.visit_id = v.id \(filter) ORDER BY v.period_from, v.id
            """, binds
        ).map { row in (try Self.visit(row: row), row.text("reported") != nil) }
    }

    public func visit(id: String) async throws -> MysteryVisit? {
        try await database.query("SELECT \(Self.visitColumns) FROM mystery_visits WHERE id = ?", [.text(id)]).first.map(Self.visit(row:))
    }

    public func report(_ result: MysteryResult, now: Date) async throws -> (stored: Bool, score: Double) {
        var cleaned = result
        cleaned.shopper = result.shopper.trimmingCharacters(in: .whitespacesAndNewlines)
        cleaned.comment = result.comment.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        cleaned.at = Self.date(Self.ms(result.at))
        let answers = String(decoding: try Self.sortedEncoder.encode(cleaned.answers), as: UTF8.self)
        let clean = cleaned
        let photos = Self.photoRows(clean.photos)
        return try await database.transaction { tx in
            guard let visit = try await tx.query("SELECT \(Self.visitColumns) FROM mystery_visits WHERE id = ?", [.text(clean.visit)]).first.map(Self.visit(row:))
            else { throw OtklikError(.notFound, "no planned visit '\(clean.visit)'", field: "visit") }
            guard let checklist = try await Self.checklist(code: visit.checklist, tx) else {
                throw OtklikError(.internal, "the visit's checklist '\(visit.checklist)' is missing")
            }
            try clean.validate(against: checklist)
            if let staff = clean.staff, try await tx.query("SELECT code FROM staff WHERE code = ?", [.text(staff)]).isEmpty {
                throw OtklikError.invalid("staff", "unknown staff '\(staff)'")
            }
            if let row = try await tx.query(
                "SELECT shopper, done_at, staff_code, answers, comment, score FROM mystery_results WHERE visit_id = ?", [.text(clean.visit)]
            ).first {
                let same = row.text("shopper") == clean.shopper && row.int64("done_at") == Self.ms(clean.at) && row.text("staff_code") == clean.staff
                    && row.text("answers") == answers && row.text("comment") == clean.comment
                let storedPhotos = try await tx.query(
                    "SELECT item_code, position, sha256 FROM mystery_photos WHERE visit_id = ? ORDER BY item_code, position", [.text(clean.visit)]
                ).map { "\($0.text("item_code") ?? "")/\($0.int("position") ?? -1)/\($0.text("sha256") ?? "")" }
                let samePhotos = storedPhotos == photos.map { "\($0.item)/\($0.position)/\($0.digest)" }
                guard same && samePhotos else {
                    throw OtklikError(.conflict, "visit '\(clean.visit)' was already reported with another result", field: "visit")
                }
                return (false, row["score"].double ?? 0)
            }
            guard let score = MysteryScore.visit(clean.answers, checklist: checklist) else {
                throw OtklikError.invalid("answers", "answer at least one item of the checklist")
            }
            let time = Self.ms(now)
            let position = try await ChangeFeed.append(.mysteryShopping, records: 1, at: time, in: tx)
            try await tx.execute(
                """
                INSERT INTO mystery_results (visit_id, shopper, done_at, staff_code, answers, comment, score, received_at, feed_position)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [.text(clean.visit), .text(clean.shopper), .int(Self.ms(clean.at)), SQLValue(clean.staff), .text(answers), SQLValue(clean.comment),
                 .double(score), .int(time), .int(position)])
            let rows: [[SQLValue]] = checklist.items.compactMap { item in
                guard let answer = clean.answers[item.code], let fulfilment = item.fulfilment(answer) else { return nil }
                return [.text(clean.visit), .text(item.code), .double(fulfilment), .double(item.weight)]
            }
            try await tx.insertRows("mystery_answers", columns: ["visit_id", "item_code", "fulfilment", "weight"], rows: rows)
            for photo in photos {
                try await tx.execute(
                    """
                    INSERT INTO mystery_photos (visit_id, item_code, position, content_type, byte_size, sha256, data) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                    [.text(clean.visit), .text(photo.item), .int(Int64(photo.position)), .text(photo.contentType), .int(Int64(photo.size)),
                     .text(photo.digest), .text(photo.base64)])
            }
            return (true, score)
        }
    }

    /// A photo as stored: its place among its item's photos (in the order sent), type, size, digest and base64 text;
    /// sorted by item and position, as the resend check reads them back.
    struct PhotoRow {
        var item: String
        var position: Int
        var contentType: String
        var size: Int
        var digest: String
        var base64: String
    }

    static func photoRows(_ photos: [MysteryPhoto]) -> [PhotoRow] {
        var positions: [String: Int] = [:]
        return photos.map { photo in
            let position = positions[photo.item, default: 0]
            positions[photo.item] = position + 1
            return PhotoRow(
                item: photo.item, position: position, contentType: photo.format?.rawValue ?? "", size: photo.data.count,
                digest: SecretToken.hex(SHA256.hash(data: photo.data)), base64: photo.data.base64EncodedString())
        }.sorted { ($0.item, $0.position) < ($1.item, $1.position) }
    }

    public func photos(visit: String) async throws -> [MysteryPhotoInfo] {
        try await database.query(
            "SELECT item_code, position, content_type, byte_size FROM mystery_photos WHERE visit_id = ? ORDER BY item_code, position", [.text(visit)]
        ).map { row in
            MysteryPhotoInfo(
                item: try row.string("item_code"), position: row.int("position") ?? 0, contentType: try row.string("content_type"),
                bytes: row.int("byte_size") ?? 0)
        }
    }

    public func photo(visit: String, item: String, position: Int) async throws -> (contentType: String, data: Data)? {
        guard let row = try await database.query(
            "SELECT content_type, data FROM mystery_photos WHERE visit_id = ? AND item_code = ? AND position = ?",
            [.text(visit), .text(item), .int(Int64(position))]
        ).first, let data = Data(base64Encoded: try row.string("data")) else { return nil }
        return (try row.string("content_type"), data)
    }

    static var sortedEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    public func reports(from: Date?, to: Date?) async throws -> [MysteryReport] {
        var conditions: [String] = []
        var binds: [SQLValue] = []
        if let from { conditions.append("r.done_at >= ?"); binds.append(.int(Self.ms(from))) }
        if let to { conditions.append("r.done_at < ?"); binds.append(.int(Self.ms(to))) }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try await database.query(
            """
            SELECT v.id, v.checklist_code, v.location_code, v.channel, v.period_from, v.period_to, r.shopper, r.done_at, r.staff_code, r.score, r.comment
            FROM mystery_results r JOIN mystery_visits v ON v.id = r.visit_id \(filter) ORDER BY r.done_at, v.id
            """, binds)
        var reports: [MysteryReport] = []
        var index: [String: Int] = [:]
        for row in rows {
            let visit = try Self.visit(row: row)
            index[visit.id] = reports.count
            reports.append(MysteryReport(
                visit: visit, shopper: try row.string("shopper"), doneAt: Self.date(row.int64("done_at") ?? 0), staff: row.text("staff_code"),
                score: row["score"].double ?? 0, items: [:], comment: row.text("comment")))
        }
        let answers = try await database.query(
            "SELECT a.visit_id, a.item_code, a.fulfilment FROM mystery_answers a JOIN mystery_results r ON r.visit_id = a.visit_id \(filter)", binds)
        for row in answers {
            guard let id = row.text("visit_id"), let position = index[id], let code = row.text("item_code"), let value = row["fulfilment"].double else { continue }
            reports[position].items[code] = value
        }
        return reports
    }
}
