import Foundation
import OtklikMetrics

/// One ``FeedbackQuery`` as ClickHouse SQL over a facts table, and its answer read back into ``GroupedTallies``.
///
/// The table keeps times as microseconds since 1970 (`ts_us`, rounded down), scores as −1 when absent and the press
/// as 0-3, exactly the codes ``Tally/add(nps:csat:ces:button:)`` takes, so every measure is a `countIf`/`sumIf` of the
/// same conditions. `FINAL` merges the rows a ReplacingMergeTree still holds twice for one id (an at-least-once feed)
/// before they are counted. Regions are not stored with the rows: a location's region is looked up at query time
/// with `transform` over the map the backend holds, so a change relabels every row at once.
struct ClickHouseTallySQL {
    var table: String
    var timeZone: TimeZone
    var regionOf: [String: String]

    /// The fifteen tally columns, in ``Tally``'s field order.
    static let measures = [
        "count()",
        "countIf(nps >= 0)", "countIf(nps >= 9)", "countIf(nps >= 0 AND nps <= 6)",
        "countIf(csat >= 0)", "countIf(csat >= 4)",
        "countIf(ces >= 0)", "sumIf(toInt64(ces), ces >= 0)", "sumIf(toInt64(ces) * ces, ces >= 0)", "countIf(ces >= 5)",
        "countIf(button != 0)", "countIf(button = 1)", "countIf(button = 3)",
        "countIf(nps >= 0 OR csat >= 0 OR button != 0)",
        "countIf((nps >= 0 AND nps <= 6) OR (csat >= 1 AND csat <= 2) OR button = 3)",
    ]

    static func microseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded(.down))
    }

    /// The local time of a row in the organisation's zone, to the second (`DateTime` holds whole seconds).
    private var localTime: String {
        "toDateTime(intDiv(ts_us - (ts_us < 0 ? 999999 : 0), 1000000))"
    }

    private var zone: String { ClickHouseSQL.literal(timeZone.identifier) }

    private var region: String {
        guard !regionOf.isEmpty else { return "''" }
        let pairs = regionOf.sorted { $0.key < $1.key }
        return "if(isNull(location), '', transform(assumeNotNull(location), ["
            + pairs.map { ClickHouseSQL.literal($0.key) }.joined(separator: ", ") + "], ["
            + pairs.map { ClickHouseSQL.literal($0.value) }.joined(separator: ", ") + "], ''))"
    }

    /// The label a row gets for a dimension ("" when it has no value), as ``ReferenceFeedbackBackend`` labels it.
    func key(_ dimension: GroupDimension) -> String {
        switch dimension {
        case .location: "ifNull(location, '')"
        case .region: region
        case .staff: "ifNull(staff, '')"
        case .service: "ifNull(service, '')"
        case .channel: "channel"
        case .kind: "kind"
        case .day: "toString(toDate(\(localTime), \(zone)))"
        case .week: "toString(toMonday(\(localTime), \(zone)))"
        case .month: "substring(toString(toDate(\(localTime), \(zone))), 1, 7)"
        }
    }

    func conditions(_ query: FeedbackQuery) -> [String] {
        var conditions: [String] = []
        if let from = query.from { conditions.append("ts_us >= \(Self.microseconds(from))") }
        if let to = query.to { conditions.append("ts_us < \(Self.microseconds(to))") }
        if !query.regions.isEmpty {
            // A row without a location, or whose location has no region, has no region and never passes.
            let known = regionOf.filter { query.regions.contains($0.value) }.map(\.key)
            conditions.append(known.isEmpty ? "0" : "location IN \(ClickHouseSQL.list(known))")
        }
        if !query.locations.isEmpty { conditions.append("location IN \(ClickHouseSQL.list(query.locations))") }
        if !query.staff.isEmpty { conditions.append("staff IN \(ClickHouseSQL.list(query.staff))") }
        if !query.services.isEmpty { conditions.append("service IN \(ClickHouseSQL.list(query.services))") }
        if !query.channels.isEmpty { conditions.append("channel IN \(ClickHouseSQL.list(query.channels.map(\.rawValue)))") }
        if !query.kinds.isEmpty { conditions.append("kind IN \(ClickHouseSQL.list(query.kinds.map(\.rawValue)))") }
        return conditions
    }

    /// `SELECT keys…, measures… FROM table FINAL WHERE … GROUP BY keys… FORMAT TabSeparated`.
    func select(_ query: FeedbackQuery) -> String {
        let keys = query.groupBy.map(key)
        var sql = "SELECT " + (keys + Self.measures).joined(separator: ", ") + " FROM \(table) FINAL"
        let conditions = conditions(query)
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        if !keys.isEmpty { sql += " GROUP BY " + keys.joined(separator: ", ") }
        return sql + " FORMAT TabSeparated"
    }

    /// The answer to ``select(_:)``: one row per group (one row in all without grouping); the overall tally is the
    /// sum of the groups', as every measure is a count or a sum.
    static func read(_ text: String, dimensions: [GroupDimension]) throws -> GroupedTallies {
        var groups: [GroupedTallies.Group] = []
        var overall = Tally()
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == dimensions.count + measures.count else { throw ClickHouseError.unreadableRow(String(line)) }
            let numbers = try fields.dropFirst(dimensions.count).map { field -> Int in
                guard let value = Int(field) else { throw ClickHouseError.unreadableRow(String(line)) }
                return value
            }
            var tally = Tally()
            (tally.count, tally.npsN, tally.promoters, tally.detractors) = (numbers[0], numbers[1], numbers[2], numbers[3])
            (tally.csatN, tally.csatTop2) = (numbers[4], numbers[5])
            (tally.cesN, tally.cesSum, tally.cesSumOfSquares, tally.cesEasy) = (numbers[6], numbers[7], numbers[8], numbers[9])
            (tally.buttonN, tally.buttonPositive, tally.buttonNegative) = (numbers[10], numbers[11], numbers[12])
            (tally.rated, tally.negative) = (numbers[13], numbers[14])
            overall.merge(tally)
            if !dimensions.isEmpty {
                let key = fields.prefix(dimensions.count).map(ClickHouseSQL.unescapeTabSeparated)
                groups.append(GroupedTallies.Group(key: key, tally: tally))
            }
        }
        groups.sort { $0.key.lexicographicallyPrecedes($1.key) }
        return GroupedTallies(dimensions: dimensions, groups: groups, overall: overall)
    }
}
