import Foundation
import OtklikCore

/// The in-process columnar store of the agent-state log for occupancy and utilisation: the agent dictionary-encoded,
/// the start, local day and hour of each interval, its state (one byte) and its length in seconds. An interval counts
/// on the local day and hour it starts. A value type with copy-on-write columns, like ``CallTable``.
public struct AgentStateTable: Sendable {
    public let timeZone: TimeZone
    public internal(set) var agents = CodeDictionary()

    /// Start as `Date.timeIntervalSinceReferenceDate`.
    var start = Column<Double>()
    /// Local calendar day (days since 1970-01-01 in the table's time zone) and hour of day of the start.
    var day = Column<Int32>()
    var hour = Column<UInt8>()
    /// Dictionary id of the agent.
    var agent = Column<Int32>()
    /// Index in `AgentState.allCases`.
    var state = Column<UInt8>()
    var seconds = Column<Double>()
    /// The earliest and latest local day held, for dense time grouping and agent-day clusters.
    var dayRange: ClosedRange<Int32>?
    private var offsets: UTCOffsetCache

    /// Bytes each interval occupies in the columns; the agent dictionary is extra: ``memoryBytes``.
    public static let bytesPerInterval = 8 + 4 + 1 + 4 + 1 + 8

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        offsets = UTCOffsetCache(timeZone: timeZone)
    }

    public var count: Int { start.count }

    public mutating func append(_ interval: AgentStateInterval) {
        let (localDay, localHour) = offsets.localDayAndHour(of: interval.start)
        dayRange = dayRange.map { min($0.lowerBound, localDay)...max($0.upperBound, localDay) } ?? localDay...localDay
        start.append(interval.start.timeIntervalSinceReferenceDate)
        day.append(localDay)
        hour.append(UInt8(localHour))
        agent.append(agents.intern(interval.agent))
        state.append(UInt8(AgentState.allCases.firstIndex(of: interval.state)!))
        seconds.append(interval.seconds)
    }

    /// The columns ``CallKey`` groups by (the log has agents and times only).
    var keyColumns: ProcessKeyColumns {
        ProcessKeyColumns(
            day: day, dayRange: dayRange, hour: hour, channel: nil, location: nil, queue: nil, agent: (agent, agents), topic: nil, service: nil)
    }

    /// Bytes the columns hold (spare capacity included) plus the agents' codes.
    public var memoryBytes: Int {
        [start.allocatedBytes, day.allocatedBytes, hour.allocatedBytes, agent.allocatedBytes, state.allocatedBytes, seconds.allocatedBytes]
            .reduce(0, +) + agents.approximateBytes
    }
}
