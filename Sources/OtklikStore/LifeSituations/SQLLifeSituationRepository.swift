import Foundation
import OtklikCore

/// Life situations on either engine: the catalogue as JSON text, signals read from service requests, transactions and
/// interactions with the SQL both engines share, detections inserted by id (a replay inserts nothing).
public struct SQLLifeSituationRepository: LifeSituationRepository {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    static func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ ms: Int64?) -> Date { Date(timeIntervalSince1970: Double(ms ?? 0) / 1000) }
    /// Customers per query (bind parameters stay well under both engines' limits).
    static let chunk = 500

    public func define(_ situations: [LifeSituation], now: Date) async throws {
        try await database.transaction { tx in
            for situation in situations {
                let definition = String(decoding: LifeSituationDefinition.json(situation), as: UTF8.self)
                try await tx.execute(
                    """
                    INSERT INTO life_situations (code, name_ru, name_en, definition, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (code) DO UPDATE SET name_ru = excluded.name_ru, name_en = excluded.name_en,
                        definition = excluded.definition, updated_at = excluded.updated_at
                    """,
                    [.text(situation.code), .text(situation.nameRu), .text(situation.nameEn), .text(definition), .int(Self.ms(now)), .int(Self.ms(now))])
            }
        }
    }

    public func situations() async throws -> [LifeSituation] {
        try await database.query("SELECT definition FROM life_situations ORDER BY code").map { row in
            try LifeSituationDefinition.parse(Data((row.text("definition") ?? "{}").utf8))
        }
    }

    public func occurrences(of customers: [String]?, catalogue: [LifeSituation]) async throws -> [SignalOccurrence] {
        let signals = Set(catalogue.flatMap(\.signals))
        var found: [SignalOccurrence] = []
        let sources: [(LifeSituationSignal.Kind, String)] = [
            (.serviceRequest, "SELECT id, customer_id, service_code AS code, submitted_at AS at FROM service_requests WHERE customer_id IS NOT NULL AND service_code IN"),
            (.transaction, "SELECT id, customer_id, service_code AS code, ts AS at FROM transactions WHERE service_code IN"),
            (.interactionTopic, "SELECT id, customer_id, topic AS code, arrived_at AS at FROM interactions WHERE customer_id IS NOT NULL AND topic IN"),
        ]
        for (kind, select) in sources {
            let codes = signals.filter { $0.kind == kind }.map(\.code).sorted()
            guard !codes.isEmpty else { continue }
            let codeList = "(" + codes.map { _ in "?" }.joined(separator: ", ") + ")"
            var groups: [[String]?] = [nil]
            if let ids = customers {
                groups = stride(from: 0, to: ids.count, by: Self.chunk).map { Array(ids[$0..<min($0 + Self.chunk, ids.count)]) }
            }
            for group in groups {
                var sql = "\(select) \(codeList)"
                var binds = codes.map { SQLValue.text($0) }
                if let group {
                    guard !group.isEmpty else { continue }
                    sql += " AND customer_id IN (" + group.map { _ in "?" }.joined(separator: ", ") + ")"
                    binds += group.map { .text($0) }
                }
                for row in try await database.query(sql, binds) {
                    guard let id = row.text("id"), let customer = row.text("customer_id"), let code = row.text("code") else { continue }
                    found.append(SignalOccurrence(signal: LifeSituationSignal(kind: kind, code: code), customer: customer, at: Self.date(row.int64("at")), record: id))
                }
            }
        }
        return found.sorted(by: SignalOccurrence.chronological)
    }

    public func detections(customer: String?) async throws -> [LifeSituationDetection] {
        let filter = customer == nil ? "" : "WHERE customer_id = ?"
        return try await database.query(
            "SELECT situation_code, customer_id, detected_at, evidence FROM life_situation_detections \(filter) ORDER BY customer_id, detected_at, situation_code",
            customer.map { [.text($0)] } ?? []
        ).map(Self.detection)
    }

    public func detections(after from: Int64, through: Int64) async throws -> [LifeSituationDetection] {
        try await database.query(
            """
            SELECT situation_code, customer_id, detected_at, evidence FROM life_situation_detections
            WHERE feed_position > ? AND feed_position <= ? ORDER BY feed_position, id
            """, [.int(from), .int(through)]
        ).map(Self.detection)
    }

    static func detection(_ row: SQLRow) -> LifeSituationDetection {
        LifeSituationDetection(
            situation: row.text("situation_code") ?? "", customer: row.text("customer_id") ?? "", detectedAt: date(row.int64("detected_at")),
            evidence: evidence(row.text("evidence") ?? "[]"))
    }

    static func evidenceJSON(_ items: [SignalOccurrence]) -> String {
        let list = items.map { ["kind": $0.signal.kind.rawValue, "code": $0.signal.code, "record": $0.record, "at": ms($0.at)] as [String: Any] }
        return (try? JSONSerialization.data(withJSONObject: list, options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    static func evidence(_ text: String) -> [SignalOccurrence] {
        let list = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [[String: Any]] ?? []
        return list.compactMap { item in
            guard let kind = (item["kind"] as? String).flatMap(LifeSituationSignal.Kind.init(rawValue:)), let code = item["code"] as? String,
                let record = item["record"] as? String, let at = (item["at"] as? NSNumber)?.int64Value
            else { return nil }
            return SignalOccurrence(signal: LifeSituationSignal(kind: kind, code: code), customer: "", at: date(at), record: record)
        }
    }

    public func record(_ detections: [LifeSituationDetection], catalogue: [LifeSituation], now: Date, in tx: any SQLExecutor) async throws -> Int {
        guard !detections.isEmpty else { return 0 }
        let windows = Dictionary(catalogue.map { ($0.code, $0.window) }, uniquingKeysWith: { a, _ in a })
        var fresh: [LifeSituationDetection] = []
        for detection in detections {
            let window = windows[detection.situation] ?? 0
            // Once per customer and situation per window: none stored within the window either side.
            let near = try await tx.query(
                """
                SELECT id FROM life_situation_detections WHERE customer_id = ? AND situation_code = ? AND detected_at > ? AND detected_at < ?
                """,
                [.text(detection.customer), .text(detection.situation), .int(Self.ms(detection.detectedAt.addingTimeInterval(-window))),
                 .int(Self.ms(detection.detectedAt.addingTimeInterval(window)))])
            if near.isEmpty && !fresh.contains(where: { $0.id == detection.id }) { fresh.append(detection) }
        }
        guard !fresh.isEmpty else { return 0 }
        let position = try await ChangeFeed.append(.lifeSituationDetected, records: fresh.count, at: Self.ms(now), in: tx)
        for detection in fresh {
            let window = windows[detection.situation] ?? 0
            try await tx.execute(
                """
                INSERT INTO life_situation_detections (id, customer_id, situation_code, detected_at, window_start, evidence, feed_position, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING
                """,
                [.text(detection.id), .text(detection.customer), .text(detection.situation), .int(Self.ms(detection.detectedAt)),
                 .int(Self.ms(detection.detectedAt.addingTimeInterval(-window))), .text(Self.evidenceJSON(detection.evidence)), .int(position),
                 .int(Self.ms(now))])
        }
        return fresh.count
    }

    public func detectAll(now: Date) async throws -> Int {
        let catalogue = try await situations()
        let found = LifeSituationDetector(catalogue: catalogue).detect(try await occurrences(of: nil, catalogue: catalogue))
        let stored = Set(try await database.query("SELECT id FROM life_situation_detections").compactMap { $0.text("id") })
        let new = found.filter { !stored.contains($0.id) }
        guard !new.isEmpty else { return 0 }
        return try await database.transaction { tx in try await self.record(new, catalogue: catalogue, now: now, in: tx) }
    }

    public func label(_ pairs: [LabelledPair], source: String, now: Date) async throws {
        try await database.transaction { tx in
            try await tx.execute("DELETE FROM life_situation_labels WHERE source = ?", [.text(source)])
            for pair in Set(pairs).sorted(by: { ($0.situation, $0.customer) < ($1.situation, $1.customer) }) {
                try await tx.execute(
                    """
                    INSERT INTO life_situation_labels (id, customer_id, situation_code, labelled_at, source) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET labelled_at = excluded.labelled_at, source = excluded.source
                    """,
                    [.text("\(pair.situation):\(pair.customer)"), .text(pair.customer), .text(pair.situation), .int(Self.ms(now)), .text(source)])
            }
        }
    }

    public func labels() async throws -> [LabelledPair] {
        try await database.query("SELECT customer_id, situation_code FROM life_situation_labels ORDER BY situation_code, customer_id").compactMap { row in
            guard let customer = row.text("customer_id"), let situation = row.text("situation_code") else { return nil }
            return LabelledPair(customer: customer, situation: situation)
        }
    }

    public func evaluate() async throws -> [DetectionScore] {
        let detected = Set(try await database.query("SELECT DISTINCT customer_id, situation_code FROM life_situation_detections").compactMap { row -> LabelledPair? in
            guard let customer = row.text("customer_id"), let situation = row.text("situation_code") else { return nil }
            return LabelledPair(customer: customer, situation: situation)
        })
        let labelled = Set(try await labels())
        let codes = try await situations().map(\.code)
        return [DetectionScore.score(situation: nil, detected: detected, labelled: labelled)]
            + codes.map { DetectionScore.score(situation: $0, detected: detected, labelled: labelled) }
    }

    public func counts() async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try await database.query("SELECT situation_code, COUNT(*) AS n FROM life_situation_detections GROUP BY situation_code") {
            if let code = row.text("situation_code") { counts[code] = row.int("n") ?? 0 }
        }
        return counts
    }

    public func requestFigures() async throws -> [SituationRequestFigures] {
        let rows = try await database.query(
            """
            SELECT d.situation_code, d.customer_id, r.id, r.channel, r.status, r.submitted_at, r.closed_at
            FROM life_situation_detections d JOIN service_requests r ON r.customer_id = d.customer_id
                AND r.submitted_at >= d.window_start AND r.submitted_at < 2 * d.detected_at - d.window_start
            ORDER BY d.situation_code, r.id
            """)
        var customers: [String: Set<String>] = [:]
        var requests: [String: [String: SQLRow]] = [:]
        for row in rows {
            guard let code = row.text("situation_code"), let id = row.text("id") else { continue }
            customers[code, default: []].insert(row.text("customer_id") ?? "")
            requests[code, default: [:]][id] = row
        }
        return try await situations().map { situation in
            let list = Array((requests[situation.code] ?? [:]).values)
            let completed = list.filter { $0.text("status") == "completed" }
            let days = completed.compactMap { row -> Double? in
                guard let submitted = row.int64("submitted_at"), let closed = row.int64("closed_at") else { return nil }
                return Double(closed - submitted) / 86_400_000
            }
            return SituationRequestFigures(
                situation: situation.code, customers: customers[situation.code]?.count ?? 0, requests: list.count, completed: completed.count,
                online: list.filter { ["web", "mobile_app"].contains($0.text("channel") ?? "") }.count,
                meanDaysToComplete: days.isEmpty ? nil : days.reduce(0, +) / Double(days.count))
        }
    }
}
