import Foundation
import OtklikCore

/// Contacts held for the contact-centre KPIs in a columnar ``CallTable``: each report one fused pass of a
/// tight kernel over the columns (``CallScan``), split across threads. Checked KPI by KPI against
/// ``ReferenceCallFacts``.
public struct CallFacts: Sendable {
    public let timeZone: TimeZone
    public private(set) var table: CallTable
    /// Region of each location, for the region filter and dimension.
    public private(set) var regionOfLocation: [String: String] = [:]
    /// How scans run (tests vary it to reach the hash-map and multi-threaded paths on small tables).
    public var options = ScanOptions.default
    /// The zone's offset of each hour, for the local days of e-mail replies (made on the first report that needs
    /// them, kept between reports).
    let hourOffsets: HourOffsetsCache

    public init(timeZone: TimeZone, facts: [CallFact] = []) {
        self.timeZone = timeZone
        table = CallTable(timeZone: timeZone)
        hourOffsets = HourOffsetsCache(timeZone: timeZone)
        for fact in facts { table.append(fact) }
    }

    /// Contacts held in a table built elsewhere (a snapshot).
    public init(timeZone: TimeZone, table: CallTable) {
        self.timeZone = timeZone
        self.table = table
        hourOffsets = HourOffsetsCache(timeZone: timeZone)
    }

    public mutating func append(_ interactions: [Interaction]) {
        for interaction in interactions { table.append(CallFact(interaction)) }
    }

    public var count: Int { table.count }

    /// Room for `n` contacts in all, ahead of a load (appending chunk by chunk then never copies the columns).
    public mutating func reserveCapacity(_ n: Int) {
        table.reserveCapacity(n)
    }

    public mutating func setRegion(_ region: String?, ofLocation location: String) {
        regionOfLocation[location] = region
    }

    /// The KPI by the given dimensions over contacts arriving in [from, to).
    public mutating func report(
        _ metric: CallMetric, by dimensions: [CallDimension], from: Date? = nil, to: Date? = nil,
        filter: CallFilter = CallFilter(), minimumN: Int
    ) -> MetricReport {
        report(metric, ProcessQuery(dimensions: dimensions, from: from, to: to, filter: filter), minimumN: minimumN)
    }

    public mutating func report(_ metric: CallMetric, _ query: ProcessQuery, minimumN fallback: Int) -> MetricReport {
        let minimumN = query.minimumN ?? fallback
        if metric.kind == .fcr { table.refreshRepeatGaps() }
        let (groups, overall) = CallScan(table: table, metric: metric, query: query, regionOfLocation: regionOfLocation).run(options)
        let names = query.dimensions.map(\.rawValue)
        var notes: [String] = []
        if metric.kind == .fcr { notes.append("anonymous answered contacts excluded: \(overall.anonymousAnswered)") }
        return MetricReport(
            metric: metric.kind.rawValue, name: metric.name, definition: metric.definition, minimumN: minimumN, dimensions: names,
            groups: groups.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { key, tally in
                MetricReport.Group(key: Dictionary(uniqueKeysWithValues: zip(names, key)), value: metric.evaluate(tally, minimumN: minimumN))
            },
            overall: metric.evaluate(overall, minimumN: minimumN), notes: notes)
    }

    /// Every contact, row by row, for the computations that are not kernels (public-service contact KPIs,
    /// Erlang C beside the log).
    var records: LazyMapSequence<Range<Int>, CallRecord> {
        let table = table
        return (0..<table.count).lazy.map { CallRecord(table: table, row: $0) }
    }

    func admits(_ record: CallRecord, _ filter: CallFilter) -> Bool {
        filter.admits(
            queue: record.queue, agent: record.agent, location: record.location,
            region: filter.regions.isEmpty ? nil : record.location.flatMap { regionOfLocation[$0] },
            service: record.service, channel: record.channel.rawValue)
    }

    func key(_ dimension: CallDimension, _ record: CallRecord, labels: inout TimeLabels) -> String {
        switch dimension {
        case .queue: record.queue ?? ""
        case .agent: record.agent ?? ""
        case .topic: record.topic ?? ""
        case .channel: record.channel.rawValue
        case .location: record.location ?? ""
        case .region: record.location.flatMap { regionOfLocation[$0] } ?? ""
        case .service: record.service ?? ""
        case .hour, .day, .week, .month: labels.label(dimension, day: record.day, hour: record.hour)
        }
    }
}
