import Foundation
import OtklikCore
import OtklikText

/// The initiative register, written once for both engines.
public protocol InitiativeRepository: Sendable {
    /// Validates every initiative, then stores them in one transaction, all or nothing. An id already stored with the
    /// same content is a duplicate (a retry), with other content a conflict that refuses the whole batch.
    func create(_ items: [Initiative], now: Date) async throws -> InsertOutcome
    func initiatives() async throws -> [Initiative]
    func initiative(id: String) async throws -> Initiative?
}

public struct SQLInitiativeRepository: InitiativeRepository {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    static func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ value: Int64) -> Date { Date(timeIntervalSince1970: Double(value) / 1000) }
    static let columns = "id, title, owner, goal_metric, budget, start_at, end_at, control"

    public func create(_ items: [Initiative], now: Date) async throws -> InsertOutcome {
        try items.validateEach { try $0.validate() }
        let batch = items.map { $0.normalized() }
        return try await database.transaction { tx in
            try await Self.checkReferences(batch, tx)
            let themes = Set((try await StoredTaxonomy.load(tx) ?? .standard).themes.map(\.id))
            for (index, item) in batch.enumerated() {
                if let unknown = item.themes.first(where: { !themes.contains($0) }) {
                    throw OtklikError.invalid("items[\(index)].themes", "unknown theme '\(unknown)'")
                }
            }
            let stored = try await Self.load(ids: Array(Set(batch.map(\.id))), tx)
            var seen: [String: Initiative] = [:]
            var outcome = InsertOutcome()
            var fresh: [Initiative] = []
            for (index, item) in batch.enumerated() {
                if let previous = stored[item.id] ?? seen[item.id] {
                    guard previous == item else {
                        throw OtklikError(.conflict, "id '\(item.id)' is already used by a different initiative", field: "items[\(index)].id")
                    }
                    outcome.duplicates.append(item.id)
                    continue
                }
                seen[item.id] = item
                fresh.append(item)
            }
            guard !fresh.isEmpty else { return outcome }
            let time = Self.ms(now)
            let position = try await ChangeFeed.append(.initiatives, records: fresh.count, at: time, in: tx)
            try await tx.insertRows(
                "initiatives", columns: ["id", "title", "owner", "goal_metric", "budget", "start_at", "end_at", "control", "created_at", "feed_position"],
                rows: fresh.map { item in
                    [.text(item.id), .text(item.title), .text(item.owner), .text(item.goalMetric), .int(item.budget), .int(Self.ms(item.start)),
                     item.end.map { .int(Self.ms($0)) } ?? .null, .text(item.control.rawValue), .int(time), .int(position)]
                })
            try await tx.insertRows(
                "initiative_scope", columns: ["initiative_id", "kind", "code"],
                rows: fresh.flatMap { item in
                    item.locations.map { [.text(item.id), .text("location"), .text($0)] } + item.services.map { [.text(item.id), .text("service"), .text($0)] }
                })
            try await tx.insertRows(
                "initiative_links", columns: ["initiative_id", "kind", "target"],
                rows: fresh.flatMap { item in
                    item.problems.map { [.text(item.id), .text("problem"), .text($0)] } + item.themes.map { [.text(item.id), .text("theme"), .text($0)] }
                })
            try await tx.insertRows(
                "initiative_journey_stages", columns: ["initiative_id", "journey_code", "stage_code"],
                rows: fresh.flatMap { item in
                    item.journeyStages.compactMap(JourneyStageReference.init).map { [.text(item.id), .text($0.journey), .text($0.stage)] }
                })
            outcome.inserted = fresh.map(\.id)
            return outcome
        }
    }

    /// Every location, service, problem and journey stage named must exist.
    static func checkReferences(_ batch: [Initiative], _ tx: any SQLExecutor) async throws {
        var stages = Set<String>()
        for row in try await tx.query("SELECT journey_code, code FROM journey_stages") {
            stages.insert("\(row.text("journey_code") ?? "")/\(row.text("code") ?? "")")
        }
        for (index, item) in batch.enumerated() {
            if let missing = item.journeyStages.first(where: { !stages.contains($0) }) {
                throw OtklikError.invalid("items[\(index)].journey_stages", "unknown journey stage '\(missing)'")
            }
        }
        for (table, key, field, path) in [
            ("locations", "code", "locations", \Initiative.locations), ("services", "code", "services", \Initiative.services),
            ("problems", "id", "problems", \Initiative.problems),
        ] as [(String, String, String, KeyPath<Initiative, [String]>)] {
            let codes = Set(batch.flatMap { $0[keyPath: path] }).sorted()
            guard !codes.isEmpty else { continue }
            var known = Set<String>()
            for row in try await tx.query(in: codes, { marks in "SELECT \(key) AS code FROM \(table) WHERE \(key) IN (\(marks))" }) {
                if let code = row.text("code") { known.insert(code) }
            }
            for (index, item) in batch.enumerated() {
                if let missing = item[keyPath: path].first(where: { !known.contains($0) }) {
                    throw OtklikError.invalid("items[\(index)].\(field)", "unknown \(field.dropLast()) '\(missing)'")
                }
            }
        }
    }

    public func initiatives() async throws -> [Initiative] {
        let ids = try await database.query("SELECT id FROM initiatives ORDER BY start_at DESC, id").compactMap { $0.text("id") }
        let loaded = try await Self.load(ids: ids, database)
        return ids.compactMap { loaded[$0] }
    }

    public func initiative(id: String) async throws -> Initiative? {
        try await Self.load(ids: [id], database)[id]
    }

    static func load(ids: [String], _ executor: any SQLExecutor) async throws -> [String: Initiative] {
        var result: [String: Initiative] = [:]
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            let marks = SQLMarks.list(chunk.count)
            let binds = chunk.map { SQLValue.text($0) }
            for row in try await executor.query("SELECT \(columns) FROM initiatives WHERE id IN (\(marks))", binds) {
                guard let control = Initiative.Control(rawValue: try row.string("control")), let startAt = row.int64("start_at"),
                    let budget = row.int64("budget")
                else { throw OtklikError(.internal, "stored initiative has an unknown control or time") }
                let item = Initiative(
                    id: try row.string("id"), title: try row.string("title"), owner: try row.string("owner"), goalMetric: try row.string("goal_metric"),
                    locations: [], budget: budget, start: date(startAt), end: row.int64("end_at").map(date), control: control)
                result[item.id] = item
            }
            for row in try await executor.query(
                "SELECT initiative_id, kind, code FROM initiative_scope WHERE initiative_id IN (\(marks)) ORDER BY initiative_id, kind, code", binds)
            {
                guard let id = row.text("initiative_id"), let code = row.text("code") else { continue }
                if row.text("kind") == "location" { result[id]?.locations.append(code) } else { result[id]?.services.append(code) }
            }
            for row in try await executor.query(
                "SELECT initiative_id, kind, target FROM initiative_links WHERE initiative_id IN (\(marks)) ORDER BY initiative_id, kind, target", binds)
            {
                guard let id = row.text("initiative_id"), let target = row.text("target") else { continue }
                if row.text("kind") == "problem" { result[id]?.problems.append(target) } else { result[id]?.themes.append(target) }
            }
            for row in try await executor.query(
                "SELECT initiative_id, journey_code, stage_code FROM initiative_journey_stages WHERE initiative_id IN (\(marks))", binds)
            {
                guard let id = row.text("initiative_id"), let journey = row.text("journey_code"), let stage = row.text("stage_code") else { continue }
                result[id]?.journeyStages.append("\(journey)/\(stage)")
            }
        }
        // Lists in Swift's order whatever the engine's collation.
        return result.mapValues { $0.normalized() }
    }
}
