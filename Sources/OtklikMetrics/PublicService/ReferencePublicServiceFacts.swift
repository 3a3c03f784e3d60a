import Foundation
import OtklikCore

/// The plain computation ``PublicServiceFacts`` is checked against: requests kept as an array of structs, each
/// report a pass over every request (and, for the contact-based KPIs, every contact read back row by row from
/// ``CallFacts``) with a dictionary of groups keyed by their labels. Slow and obviously right (it was the engine
/// until the columnar ``RequestTable``); tests compare every KPI with it.
public struct ReferencePublicServiceFacts: Sendable {
    public let timeZone: TimeZone
    public private(set) var requests: [RequestFact] = []
    public var calendar = WorkingCalendar()
    /// The service catalogue: whether each service can be obtained online (nil = not stated).
    public var serviceCatalogue: [String: Bool?] = [:]
    private var offsets: UTCOffsetCache
    /// Where each request's fact is in ``requests``.
    private var indexByID: [String: Int] = [:]

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        offsets = UTCOffsetCache(timeZone: timeZone)
    }

    public var count: Int { requests.count }

    /// Adds the requests; one already held (the same id: a request that moved on, closed) replaces the one held, so
    /// every request counts once, as it stands now.
    public mutating func append(_ new: [ServiceRequest]) {
        for request in new {
            var fact = RequestFact(request)
            (fact.day, fact.hour) = offsets.localDayAndHour(of: fact.submittedAt)
            if let index = indexByID[fact.id] {
                requests[index] = fact
            } else {
                indexByID[fact.id] = requests.count
                requests.append(fact)
            }
        }
    }

    /// The KPI by the query's dimensions. Request KPIs count requests submitted in [from, to); contact KPIs
    /// count contacts arriving in it. `now` decides which unanswered e-mails are overdue.
    public func report(
        _ kpi: PublicServiceKPI, _ query: ProcessQuery, calls: CallFacts, now: Date, minimumN fallback: Int
    ) throws(OtklikError) -> MetricReport {
        if kpi.kind == .servicesOnlineShare { return try PublicServiceFacts.catalogueReport(kpi, query, catalogue: serviceCatalogue) }
        let minimumN = query.minimumN ?? fallback
        try PublicServiceFacts.check(kpi, query)
        var groups: [[String]: OutcomeTally] = [:]
        var overall = OutcomeTally()
        var labels = TimeLabels()
        var notes: [String] = []
        func add(_ key: [String], _ body: (inout OutcomeTally) -> Void) {
            body(&overall)
            if !query.dimensions.isEmpty { body(&groups[key, default: OutcomeTally()]) }
        }
        switch kpi.kind {
        case .phoneAnswered, .emailAnswered:
            var pending = 0
            var cache = UTCOffsetCache(timeZone: calls.timeZone)
            let today = LocalCalendar.day(of: now, in: timeZone)
            let channel: Channel = kpi.kind == .phoneAnswered ? .callCenter : .email
            for fact in calls.records where fact.channel == channel && fact.outcome != .selfService {
                guard query.contains(fact.arrivedAt), calls.admits(fact, query.filter) else { continue }
                let success: Bool
                if kpi.kind == .phoneAnswered {
                    success = fact.outcome == .answered && (fact.wait ?? 0) <= kpi.phoneThreshold
                } else {
                    let deadline = calendar.workingDay(kpi.emailWorkingDays, after: fact.day)
                    if fact.outcome == .answered {
                        let answered = cache.localDayAndHour(of: fact.arrivedAt.addingTimeInterval(fact.wait ?? 0)).day
                        success = answered <= deadline
                    } else if today <= deadline {
                        pending += 1
                        continue
                    } else {
                        success = false
                    }
                }
                let key = query.dimensions.map { calls.key($0, fact, labels: &labels) }
                add(key) { $0.add(success: success) }
            }
            if kpi.kind == .emailAnswered { notes = PublicServiceFacts.emailNotes(pending: pending, calendar: calendar) }
        case .servicesOnlineShare:
            preconditionFailure("answered by catalogueReport")
        case .costPerService, .contactsPerRequest, .completion, .onlineShare, .platformUsers:
            var contacts: [String: Int] = [:]
            if kpi.kind == .contactsPerRequest {
                for fact in calls.records { if let request = fact.request { contacts[request, default: 0] += 1 } }
            }
            var withoutCost = 0
            for fact in requests {
                guard query.contains(fact.submittedAt), admits(fact, query.filter, calls: calls) else { continue }
                let key = query.dimensions.map { self.key($0, fact, calls: calls, labels: &labels) }
                switch kpi.kind {
                case .costPerService:
                    guard fact.status == .completed else { continue }
                    guard let cost = fact.cost else {
                        withoutCost += 1
                        continue
                    }
                    add(key) { $0.add(value: cost) }
                case .contactsPerRequest:
                    guard fact.status == .completed else { continue }
                    add(key) { $0.add(value: Double(max(1, contacts[fact.id] ?? 0))) }
                case .completion:
                    add(key) { $0.add(success: fact.status == .completed) }
                case .onlineShare:
                    add(key) { $0.add(success: kpi.onlineChannels.contains(fact.channel)) }
                default:
                    guard let customer = fact.customer, kpi.onlineChannels.contains(fact.channel) else { continue }
                    add(key) { _ = $0.users.insert(customer) }
                }
            }
            if kpi.kind == .platformUsers {
                for fact in calls.records where kpi.onlineChannels.contains(fact.channel) {
                    guard let customer = fact.customer, query.contains(fact.arrivedAt), calls.admits(fact, query.filter) else { continue }
                    let key = query.dimensions.map { calls.key($0, fact, labels: &labels) }
                    add(key) { _ = $0.users.insert(customer) }
                }
            }
            notes = PublicServiceFacts.requestNotes(kpi.kind, held: requests.count, withoutCost: withoutCost)
        }
        return PublicServiceFacts.report(kpi, query, minimumN: minimumN, groups: groups, overall: overall, notes: notes)
    }

    func admits(_ fact: RequestFact, _ filter: CallFilter, calls: CallFacts) -> Bool {
        filter.admits(
            queue: nil, agent: nil, location: fact.location, region: fact.location.flatMap { calls.regionOfLocation[$0] },
            service: fact.service, channel: fact.channel.rawValue)
    }

    func key(_ dimension: CallDimension, _ fact: RequestFact, calls: CallFacts, labels: inout TimeLabels) -> String {
        switch dimension {
        case .service: fact.service
        case .location: fact.location ?? ""
        case .region: fact.location.flatMap { calls.regionOfLocation[$0] } ?? ""
        case .channel: fact.channel.rawValue
        case .queue, .agent, .topic: ""
        case .hour, .day, .week, .month: labels.label(dimension, day: fact.day, hour: fact.hour)
        }
    }
}
