import Foundation
import OtklikCore

/// The in-process columnar store of contacts (calls, chats, e-mails, visits) for the contact-centre and
/// public-service KPIs: reference codes dictionary-encoded, times and durations as numbers, the outcome and
/// its flags in one byte, and for FCR each contact's gap to the same customer's next contact on the same topic.
///
/// A value type with copy-on-write columns, like ``FeedbackTable``: the owner (an actor in the server)
/// serialises appends; a copy is a consistent snapshot the kernels read through plain pointers.
public struct CallTable: Sendable {
    public let timeZone: TimeZone
    public internal(set) var queues = CodeDictionary()
    public internal(set) var agents = CodeDictionary()
    public internal(set) var topics = CodeDictionary()
    public internal(set) var locations = CodeDictionary()
    public internal(set) var services = CodeDictionary()
    public internal(set) var customers = CodeDictionary()
    public internal(set) var requests = CodeDictionary()

    /// Arrival as `Date.timeIntervalSinceReferenceDate`: exactly the moment the contact carries.
    var arrival = Column<Double>()
    /// Local calendar day (days since 1970-01-01 in the table's time zone) and hour of day of the arrival.
    var day = Column<Int32>()
    var hour = Column<UInt8>()
    /// Dictionary ids; −1 when the contact has none.
    var queue = Column<Int32>()
    var agent = Column<Int32>()
    var topic = Column<Int32>()
    var location = Column<Int32>()
    var service = Column<Int32>()
    var customer = Column<Int32>()
    var request = Column<Int32>()
    /// Index in `Channel.allCases`.
    var channel = Column<UInt8>()
    /// Bits 0-1 the outcome (``Flags``), bit 2 transferred, bit 3 anonymous (no customer).
    var flags = Column<UInt8>()
    /// Seconds in the queue; a missing wait is held as 0, as every KPI counts it. 4-byte floats while every
    /// wait is exact in one (a log of whole seconds), 8-byte doubles otherwise (``SecondsColumn``).
    var wait = SecondsColumn()
    /// Talk + hold + wrap-up of an answered contact with a recorded talk time; NaN otherwise. Held as `wait` is.
    var handle = SecondsColumn()
    /// Whole seconds (rounded up) until the same identified customer's next offered contact on the same
    /// topic; `Int32.max` when there is none (or the contact is anonymous or IVR-only).
    var repeatGap = Column<Int32>()
    /// The earliest and latest local day held, for dense time grouping.
    var dayRange: ClosedRange<Int32>?

    /// The latest row of each identified customer and topic (customer id · 2³² + topic key), for the gaps.
    var lastContact: [Int64: Int32] = [:]
    /// An append arrived earlier than a contact already held for the same customer and topic: the gaps are
    /// recomputed (by sorting) before the next FCR scan.
    var repeatGapsStale = false
    private var offsets: UTCOffsetCache

    /// Bytes each contact occupies in the columns when waits and handle times are held as 4-byte floats (every
    /// value exact in one, as in a log of whole seconds); dictionaries and the FCR index are extra: ``memoryBytes``.
    public static let bytesPerCall = 8 + 4 + 1 + 7 * 4 + 1 + 1 + 4 + 4 + 4
    /// The same when both are held as doubles (some value not exact in a `Float`, such as 0.1 s).
    public static let bytesPerCallWide = bytesPerCall + 4 + 4

    /// Bytes each contact occupies in the columns at the widths held now.
    public var bytesPerContact: Int { Self.bytesPerCall - 8 + wait.bytesPerValue + handle.bytesPerValue }

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        offsets = UTCOffsetCache(timeZone: timeZone)
    }

    public var count: Int { arrival.count }

    /// The outcome codes in the low two bits of ``flags``.
    enum Flags {
        static let selfService: UInt8 = 0
        static let answered: UInt8 = 1
        static let abandoned: UInt8 = 2
        static let outcome: UInt8 = 3
        static let transferred: UInt8 = 4
        static let anonymous: UInt8 = 8
    }

    public mutating func reserveCapacity(_ n: Int) {
        arrival.reserveCapacity(n); day.reserveCapacity(n); hour.reserveCapacity(n)
        queue.reserveCapacity(n); agent.reserveCapacity(n); topic.reserveCapacity(n); location.reserveCapacity(n)
        service.reserveCapacity(n); customer.reserveCapacity(n); request.reserveCapacity(n)
        channel.reserveCapacity(n); flags.reserveCapacity(n); wait.reserveCapacity(n); handle.reserveCapacity(n)
        repeatGap.reserveCapacity(n)
    }

    /// Appends one contact.
    public mutating func append(_ fact: CallFact) {
        let row = Int32(count)
        let moment = fact.arrivedAt.timeIntervalSinceReferenceDate
        arrival.append(moment)
        let (localDay, localHour) = offsets.localDayAndHour(of: fact.arrivedAt)
        day.append(localDay)
        hour.append(UInt8(localHour))
        dayRange = dayRange.map { min($0.lowerBound, localDay)...max($0.upperBound, localDay) } ?? localDay...localDay
        queue.append(fact.queue.map { queues.intern($0) } ?? -1)
        agent.append(fact.agent.map { agents.intern($0) } ?? -1)
        topic.append(fact.topic.map { topics.intern($0) } ?? -1)
        location.append(fact.location.map { locations.intern($0) } ?? -1)
        service.append(fact.service.map { services.intern($0) } ?? -1)
        let customerId = fact.customer.map { customers.intern($0) } ?? -1
        customer.append(customerId)
        request.append(fact.request.map { requests.intern($0) } ?? -1)
        channel.append(UInt8(Channel.allCases.firstIndex(of: fact.channel)!))
        let outcome: UInt8 = switch fact.outcome {
        case .selfService: Flags.selfService
        case .answered: Flags.answered
        case .abandoned: Flags.abandoned
        }
        flags.append(outcome | (fact.transferred ? Flags.transferred : 0) | (customerId < 0 ? Flags.anonymous : 0))
        wait.append(fact.wait ?? 0)
        handle.append(fact.handle ?? .nan)
        repeatGap.append(.max)
        if customerId >= 0 && outcome != Flags.selfService {
            // A missing topic and an empty one are the same topic, as in the FCR definition.
            let key = Int64(customerId) << 32 | Int64(topics.intern(fact.topic ?? ""))
            if let previous = lastContact[key] {
                let earlier = arrival[Int(previous)]
                if moment >= earlier {
                    repeatGap[Int(previous)] = Self.gap(moment - earlier)
                    lastContact[key] = row
                } else {
                    repeatGapsStale = true
                }
            } else {
                lastContact[key] = row
            }
        }
    }

    /// A gap in seconds rounded up: `gap ≤ k` for a whole number of seconds k exactly when `⌈gap⌉ ≤ k`.
    static func gap(_ seconds: Double) -> Int32 {
        let up = seconds.rounded(.up)
        return up >= Double(Int32.max) ? .max : Int32(up)
    }

    /// The moment of a row.
    func arrivedAt(_ row: Int) -> Date { Date(timeIntervalSinceReferenceDate: arrival[row]) }

    /// Bytes the columns hold (spare capacity included) plus the dictionaries' codes and the FCR index.
    public var memoryBytes: Int {
        let columns = [arrival.allocatedBytes, day.allocatedBytes, hour.allocatedBytes, queue.allocatedBytes, agent.allocatedBytes,
                       topic.allocatedBytes, location.allocatedBytes, service.allocatedBytes, customer.allocatedBytes,
                       request.allocatedBytes, channel.allocatedBytes, flags.allocatedBytes, wait.allocatedBytes,
                       handle.allocatedBytes, repeatGap.allocatedBytes].reduce(0, +)
        let codes = [queues, agents, topics, locations, services, customers, requests].reduce(0) { $0 + $1.approximateBytes }
        // 12 bytes of key and value per bucket, at most 3/4 of the buckets used: 16 bytes an entry.
        let index = lastContact.capacity * 16
        return columns + codes + index
    }
}
