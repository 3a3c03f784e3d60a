import Foundation
import OtklikCore
import OtklikMetrics

/// The feedback analytics seam (``FeedbackAnalyticsBackend``) answered by a ClickHouse server: one
/// `ReplacingMergeTree` table of facts ordered by id, queried with `FINAL`, so that a fact delivered twice (the change
/// feed is at least once) is counted once.
///
/// The rows it stores carry no personal data: no customer id (a ``FeedbackFact``'s customer, which the in-process engine
/// keeps for segment slices, is not exported), no contact, no text, so erasing a customer has
/// nothing to remove here (an erasure keeps the anonymous figures, in the store and here alike). A location's region is held by this object and applied at query time (the server sets
/// every region from the store when it starts, as for the embedded engine).
public actor ClickHouseFeedbackBackend: FeedbackAnalyticsBackend {
    /// A fact with the id it is de-duplicated by (the feedback's id in a server).
    public struct IdentifiedFact: Sendable, Equatable {
        public var id: String
        public var fact: FeedbackFact
        public init(id: String, fact: FeedbackFact) {
            self.id = id
            self.fact = fact
        }
    }

    private let connection: ClickHouseConnection
    private let database: String
    private let table: String
    private let timeZone: TimeZone
    private var regionOf: [String: String] = [:]
    private var created = false
    /// Rows sent in one INSERT.
    public static let batchSize = 50_000

    /// A backend over `database.table` (both `[A-Za-z0-9_]`), created on first use if missing.
    public init(connection: ClickHouseConnection, database: String, table: String, timeZone: TimeZone) throws(ClickHouseError) {
        self.connection = connection
        self.database = try ClickHouseSQL.name(database)
        self.table = try ClickHouseSQL.name(table)
        self.timeZone = timeZone
    }

    private var qualified: String { "\(database).\(table)" }

    /// Creates the database and the table if they are missing: a server calls it at start, so that an unreachable
    /// server, a wrong password or a missing right is an error then rather than at the first query.
    public func prepare() async throws {
        try await ensureTable()
    }

    private func ensureTable() async throws {
        guard !created else { return }
        try await connection.execute("CREATE DATABASE IF NOT EXISTS \(database)")
        try await connection.execute(
            """
            CREATE TABLE IF NOT EXISTS \(qualified) (
                id String, ts_us Int64, channel String, kind String,
                location Nullable(String), staff Nullable(String), service Nullable(String),
                nps Int8, csat Int8, ces Int8, button UInt8
            ) ENGINE = ReplacingMergeTree() ORDER BY id
            """)
        created = true
    }

    /// Appends facts that have no id of their own (an import, a test): each gets a fresh one, so none is merged away.
    public func append(_ facts: [FeedbackFact]) async throws {
        try await append(identified: facts.map { IdentifiedFact(id: UUID().uuidString, fact: $0) })
    }

    /// Appends facts by id: appending a fact whose id is already held changes nothing the queries see.
    public func append(identified facts: [IdentifiedFact]) async throws {
        guard !facts.isEmpty else { return }
        try await ensureTable()
        var start = 0
        while start < facts.count {
            let end = min(start + Self.batchSize, facts.count)
            var rows = ""
            for item in facts[start..<end] { rows += try Self.jsonRow(item) + "\n" }
            try await connection.insert("INSERT INTO \(qualified) FORMAT JSONEachRow", rows: rows)
            start = end
        }
    }

    private struct Row: Encodable {
        var id: String
        var ts_us: Int64
        var channel: String
        var kind: String
        var location: String?
        var staff: String?
        var service: String?
        var nps: Int
        var csat: Int
        var ces: Int
        var button: Int
    }

    /// One `JSONEachRow` line: JSONEncoder does the escaping; an absent value is left out and becomes NULL.
    static func jsonRow(_ item: IdentifiedFact) throws -> String {
        let fact = item.fact
        let row = Row(
            id: item.id, ts_us: ClickHouseTallySQL.microseconds(fact.ts), channel: fact.channel.rawValue,
            kind: fact.kind.rawValue, location: fact.location, staff: fact.staff, service: fact.service,
            nps: fact.nps ?? -1, csat: fact.csat ?? -1, ces: fact.ces ?? -1,
            button: fact.button.map { ButtonPress.allCases.firstIndex(of: $0)! + 1 } ?? 0)
        return String(decoding: try JSONEncoder().encode(row), as: UTF8.self)
    }

    public func setRegion(_ region: String?, ofLocation location: String) {
        regionOf[location] = region
    }

    public func tally(_ queries: [FeedbackQuery]) async throws -> [GroupedTallies] {
        try await ensureTable()
        let sql = ClickHouseTallySQL(table: qualified, timeZone: timeZone, regionOf: regionOf)
        var results: [GroupedTallies] = []
        for query in queries {
            // The exported facts carry no customer: a segment slice is answered by the in-process engine only.
            guard query.customers == nil else { throw ClickHouseError.customerFilter }
            let text = try await connection.execute(sql.select(query))
            results.append(try ClickHouseTallySQL.read(text, dimensions: query.groupBy))
        }
        return results
    }

    public func count() async throws -> Int {
        try await ensureTable()
        let text = try await connection.execute("SELECT count() FROM \(qualified) FINAL FORMAT TabSeparated")
        guard let value = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw ClickHouseError.unreadableRow(text)
        }
        return value
    }

    /// Drops the table (tests clean up after themselves).
    public func drop() async throws {
        try await connection.execute("DROP TABLE IF EXISTS \(qualified)")
        created = false
    }
}
