import Foundation
import OtklikCore
import OtklikMetrics

/// KPI targets (``KPITarget``). Every write validates every target first (region, location and service codes must
/// exist) and is all or nothing; importing the same targets again changes nothing.
public protocol TargetRepository: Sendable {
    /// Every target, by metric, scope, code and period.
    func targets() async throws -> [KPITarget]
    /// Replaces every target with these (`PUT /api/v1/targets`).
    func replaceAll(_ targets: [KPITarget], at now: Date) async throws
    /// Adds these targets, replacing the stored ones with the same metric, scope, code and period
    /// (`otklik targets import`). Returns how many were new.
    @discardableResult
    func upsert(_ targets: [KPITarget], at now: Date) async throws -> Int
}

/// Reads are trusted for a second (``RecentRead``): a metric request judges its figure against the targets without a
/// query and a hop to a database thread and back (about 0.2 ms of a 1.2-1.5 ms request, docs/benchmarks.md). This
/// repository's own writes are seen at once; another process's within a second.
public struct SQLTargetRepository: TargetRepository {
    let database: any SQLDatabase
    let recent: RecentRead<[KPITarget]>
    static let columns = ["metric", "scope", "code", "from_date", "to_date", "target", "kind", "updated"]

    public init(database: any SQLDatabase, cacheLife: Duration = .seconds(1)) {
        self.database = database
        self.recent = RecentRead(life: cacheLife)
    }

    public func targets() async throws -> [KPITarget] {
        try await recent.value { try await read() }
    }

    func read() async throws -> [KPITarget] {
        try await database.query(
            "SELECT metric, scope, code, from_date, to_date, target, kind FROM kpi_targets ORDER BY metric, scope, code, from_date, to_date", []
        ).map { row in
            let code = try row.string("code")
            return KPITarget(
                metric: TargetMetric(rawValue: try row.string("metric")) ?? .nps, scope: KPITarget.Scope(rawValue: try row.string("scope")) ?? .organisation,
                code: code.isEmpty ? nil : code, from: try row.string("from_date"), to: try row.string("to_date"),
                target: row["target"].double ?? 0, kind: KPITarget.Kind(rawValue: try row.string("kind")) ?? .absolute)
        }
    }

    public func replaceAll(_ targets: [KPITarget], at now: Date) async throws {
        try Self.validate(targets)
        defer { recent.forget() }
        try await database.transaction { tx in
            try await Self.checkCodes(targets, in: tx)
            try await tx.execute("DELETE FROM kpi_targets")
            try await Self.insert(targets, at: now, in: tx)
        }
    }

    public func upsert(_ targets: [KPITarget], at now: Date) async throws -> Int {
        try Self.validate(targets)
        defer { recent.forget() }
        return try await database.transaction { tx in
            try await Self.checkCodes(targets, in: tx)
            let stored = Set(try await tx.query("SELECT metric, scope, code, from_date, to_date FROM kpi_targets", []).map { row in
                [row.text("metric"), row.text("scope"), row.text("code"), row.text("from_date"), row.text("to_date")].map { $0 ?? "" }.joined(separator: "|")
            })
            try await Self.insert(
                targets, at: now, in: tx,
                suffix: "ON CONFLICT (metric, scope, code, from_date, to_date) DO UPDATE SET target = excluded.target, kind = excluded.kind, updated = excluded.updated "
                    + "WHERE kpi_targets.target <> excluded.target OR kpi_targets.kind <> excluded.kind")
            return targets.filter { !stored.contains($0.key) }.count
        }
    }

    static func validate(_ targets: [KPITarget]) throws {
        guard targets.count <= 10_000 else { throw OtklikError.invalid("items", "at most 10,000 targets") }
        try targets.validateEach { try $0.validate() }
        var seen: [String: Int] = [:]
        for (index, target) in targets.enumerated() {
            if let first = seen[target.key] {
                throw OtklikError.invalid("items[\(index)]", "the same metric, scope, code and period as items[\(first)]")
            }
            seen[target.key] = index
        }
    }

    static func checkCodes(_ targets: [KPITarget], in tx: any SQLExecutor) async throws {
        let tables: [KPITarget.Scope: String] = [.region: "regions", .location: "locations", .service: "services"]
        for (scope, table) in tables {
            let wanted = Set(targets.filter { $0.scope == scope }.compactMap(\.code))
            guard !wanted.isEmpty else { continue }
            let known = Set(try await tx.query("SELECT code FROM \(table)", []).compactMap { $0.text("code") })
            if let (index, target) = targets.enumerated().first(where: { $0.element.scope == scope && !known.contains($0.element.code ?? "") }) {
                throw OtklikError.invalid("items[\(index)].code", "unknown \(scope.rawValue) code '\(target.code ?? "")'")
            }
        }
    }

    static func insert(_ targets: [KPITarget], at now: Date, in tx: any SQLExecutor, suffix: String = "") async throws {
        let updated = Int64((now.timeIntervalSince1970 * 1000).rounded())
        try await tx.insertRows(
            "kpi_targets", columns: columns,
            rows: targets.map { target in
                [.text(target.metric.rawValue), .text(target.scope.rawValue), .text(target.code ?? ""), .text(target.from), .text(target.to),
                 .double(target.target), .text(target.kind.rawValue), .int(updated)]
            }, suffix: suffix)
    }
}
