import Foundation
import OtklikCore

/// The in-process columnar store of service requests for the public-service KPIs: ids, services, locations and
/// customers dictionary-encoded, the submission time, local day and hour as numbers, channel and status as one byte
/// each, the cost as a double (NaN when none is recorded).
///
/// A request's row is its id's code: a request already held (the same id: one that moved on, closed) is replaced in
/// place, so every request counts once, as it stands now. A value type with copy-on-write columns, like
/// ``CallTable``.
public struct RequestTable: Sendable {
    public let timeZone: TimeZone
    public internal(set) var ids = CodeDictionary()
    public internal(set) var services = CodeDictionary()
    public internal(set) var locations = CodeDictionary()
    public internal(set) var customers = CodeDictionary()

    /// Submission as `Date.timeIntervalSinceReferenceDate`.
    var submitted = Column<Double>()
    /// Local calendar day (days since 1970-01-01 in the table's time zone) and hour of day of the submission.
    var day = Column<Int32>()
    var hour = Column<UInt8>()
    /// Dictionary ids; −1 when the request has none (location, customer).
    var service = Column<Int32>()
    var location = Column<Int32>()
    var customer = Column<Int32>()
    /// Index in `Channel.allCases` and in `RequestStatus.allCases`.
    var channel = Column<UInt8>()
    var status = Column<UInt8>()
    /// The recorded cost; NaN when none is.
    var cost = Column<Double>()
    /// The earliest and latest local day held, for dense time grouping (a replaced request's old day may remain in it).
    var dayRange: ClosedRange<Int32>?
    private var offsets: UTCOffsetCache

    /// Bytes each request occupies in the columns; the dictionaries (the ids above all) are extra: ``memoryBytes``.
    public static let bytesPerRequest = 8 + 4 + 1 + 3 * 4 + 1 + 1 + 8

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        offsets = UTCOffsetCache(timeZone: timeZone)
    }

    public var count: Int { submitted.count }

    static let completed = UInt8(RequestStatus.allCases.firstIndex(of: .completed)!)

    /// Adds a request, or replaces the one held with the same id.
    public mutating func append(_ request: ServiceRequest) {
        let row = Int(ids.intern(request.id))
        let moment = request.submittedAt.timeIntervalSinceReferenceDate
        let (localDay, localHour) = offsets.localDayAndHour(of: request.submittedAt)
        dayRange = dayRange.map { min($0.lowerBound, localDay)...max($0.upperBound, localDay) } ?? localDay...localDay
        let serviceId = services.intern(request.service)
        let locationId = request.location.map { locations.intern($0) } ?? -1
        let customerId = request.customer.map { customers.intern($0) } ?? -1
        let channelIndex = UInt8(Channel.allCases.firstIndex(of: request.channel)!)
        let statusIndex = UInt8(RequestStatus.allCases.firstIndex(of: request.status)!)
        let recorded = request.cost ?? .nan
        if row < count {
            submitted[row] = moment; day[row] = localDay; hour[row] = UInt8(localHour)
            service[row] = serviceId; location[row] = locationId; customer[row] = customerId
            channel[row] = channelIndex; status[row] = statusIndex; cost[row] = recorded
        } else {
            submitted.append(moment); day.append(localDay); hour.append(UInt8(localHour))
            service.append(serviceId); location.append(locationId); customer.append(customerId)
            channel.append(channelIndex); status.append(statusIndex); cost.append(recorded)
        }
    }

    /// The columns ``CallKey`` groups by (requests have no queue, agent or topic).
    var keyColumns: ProcessKeyColumns {
        ProcessKeyColumns(
            day: day, dayRange: dayRange, hour: hour, channel: channel, location: (location, locations),
            queue: nil, agent: nil, topic: nil, service: (service, services))
    }

    /// Bytes the columns hold (spare capacity included) plus the dictionaries' codes.
    public var memoryBytes: Int {
        let columns = [submitted.allocatedBytes, day.allocatedBytes, hour.allocatedBytes, service.allocatedBytes, location.allocatedBytes,
                       customer.allocatedBytes, channel.allocatedBytes, status.allocatedBytes, cost.allocatedBytes].reduce(0, +)
        return columns + [ids, services, locations, customers].reduce(0) { $0 + $1.approximateBytes }
    }

    /// The request of a row as a fact (for tests and row-by-row read-back).
    func fact(_ row: Int) -> RequestFact {
        var fact = RequestFact(ServiceRequest(
            id: ids.codes[row], service: services.codes[Int(service[row])], location: locations.code(of: location[row]),
            channel: Channel.allCases[Int(channel[row])], customer: customers.code(of: customer[row]),
            submittedAt: Date(timeIntervalSinceReferenceDate: submitted[row]), status: RequestStatus.allCases[Int(status[row])],
            cost: cost[row].isNaN ? nil : cost[row]))
        (fact.day, fact.hour) = (day[row], Int8(hour[row]))
        return fact
    }
}
