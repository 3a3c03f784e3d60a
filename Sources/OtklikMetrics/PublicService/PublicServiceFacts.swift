import Foundation
import OtklikCore

/// Service requests in a columnar ``RequestTable`` and the working-day calendar, held for the public-service KPIs;
/// the contact-based KPIs (phone and e-mail answered in time, contacts per request, platform users) read the contact
/// columns of ``CallFacts``. Each report is a pass of ``PublicServiceScan`` over the columns, checked KPI by KPI
/// against ``ReferencePublicServiceFacts``.
public struct PublicServiceFacts: Sendable {
    public let timeZone: TimeZone
    public private(set) var table: RequestTable
    public var calendar = WorkingCalendar()
    /// The service catalogue: whether each service can be obtained online (nil = not stated).
    public var serviceCatalogue: [String: Bool?] = [:]
    /// How scans group (tests lower the dense limit to reach the hash-map path on small tables).
    public var options = ScanOptions.default
    /// The contacts' request ids as request rows and their customers as the requests' customer codes, made on the
    /// first report that needs them and extended as either table grows (``CodeMapping``).
    private let requestRows = CodeMapping()
    private let requestCustomers = CodeMapping()

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        table = RequestTable(timeZone: timeZone)
    }

    /// Requests held in a table built elsewhere (a snapshot).
    public init(timeZone: TimeZone, table: RequestTable) {
        self.timeZone = timeZone
        self.table = table
    }

    public var count: Int { table.count }

    /// The requests held, read back row by row (for tests and tools; the reports read the columns).
    public var requests: [RequestFact] { (0..<table.count).map(table.fact) }

    /// Bytes a request occupies in the columns; the dictionaries (its id above all) are extra.
    public static let bytesPerRequest = RequestTable.bytesPerRequest

    /// Bytes held: the columns (spare capacity included) and the dictionaries' codes.
    public var memoryBytes: Int { table.memoryBytes }

    /// Adds the requests; one already held (the same id: a request that moved on, closed) replaces the one held, so
    /// every request counts once, as it stands now.
    public mutating func append(_ new: [ServiceRequest]) {
        for request in new { table.append(request) }
    }

    /// The dimensions a request-based KPI can be grouped or filtered by.
    static let requestDimensions: Set<CallDimension> = [.service, .location, .region, .channel, .hour, .day, .week, .month]

    /// Refuses a grouping or filter the KPI's facts do not have: requests have no queue, agent or topic.
    static func check(_ kpi: PublicServiceKPI, _ query: ProcessQuery) throws(OtklikError) {
        guard kpi.kind != .phoneAnswered && kpi.kind != .emailAnswered else { return }
        if let bad = query.dimensions.first(where: { !requestDimensions.contains($0) }) {
            throw .invalid("by", "\(kpi.kind.rawValue) counts requests, which have no \(bad.rawValue); use \(requestDimensions.map(\.rawValue).sorted().joined(separator: ", "))")
        }
        if !query.filter.queues.isEmpty || !query.filter.agents.isEmpty {
            throw .invalid("queue", "\(kpi.kind.rawValue) counts requests, which have no queue or agent")
        }
    }

    /// The KPI by the query's dimensions. Request KPIs count requests submitted in [from, to); contact KPIs
    /// count contacts arriving in it. `now` decides which unanswered e-mails are overdue.
    public func report(
        _ kpi: PublicServiceKPI, _ query: ProcessQuery, calls: CallFacts, now: Date, minimumN fallback: Int
    ) throws(OtklikError) -> MetricReport {
        if kpi.kind == .servicesOnlineShare { return try Self.catalogueReport(kpi, query, catalogue: serviceCatalogue) }
        let minimumN = query.minimumN ?? fallback
        try Self.check(kpi, query)
        let scan = PublicServiceScan(requests: table, calls: calls, kpi: kpi, query: query, calendar: calendar, options: options,
            requestRows: requestRows, requestCustomers: requestCustomers)
        var parts: [ProcessCells<CodeTally>] = []
        var notes: [String] = []
        switch kpi.kind {
        case .phoneAnswered, .emailAnswered:
            var pending = 0
            parts.append(scan.answeredInTime(now: now, pending: &pending))
            if kpi.kind == .emailAnswered { notes = Self.emailNotes(pending: pending, calendar: calendar) }
        case .servicesOnlineShare:
            preconditionFailure("answered by catalogueReport")
        case .costPerService, .contactsPerRequest, .completion, .onlineShare, .platformUsers:
            var withoutCost = 0
            parts.append(scan.requestCells(withoutCost: &withoutCost))
            if kpi.kind == .platformUsers { parts.append(scan.contactUsers()) }
            notes = Self.requestNotes(kpi.kind, held: table.count, withoutCost: withoutCost)
        }
        var groups: [[String]: CodeTally] = [:]
        var overall = CodeTally()
        for part in parts {
            for (labels, tally) in part.occurring {
                overall.merge(tally)
                if !query.dimensions.isEmpty { groups[labels, default: CodeTally()].merge(tally) }
            }
        }
        return Self.report(kpi, query, minimumN: minimumN, groups: groups, overall: overall, notes: notes)
    }
}
