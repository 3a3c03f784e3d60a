/// The columns a process table (contacts, service requests, agent states) offers ``CallKey`` for grouping: local day
/// and hour, and whichever of channel, location, queue, agent, topic and service it holds (dictionary ids, −1 for none).
struct ProcessKeyColumns {
    var day: Column<Int32>
    var dayRange: ClosedRange<Int32>?
    var hour: Column<UInt8>
    var channel: Column<UInt8>?
    var location: (column: Column<Int32>, codes: CodeDictionary)?
    var queue: (column: Column<Int32>, codes: CodeDictionary)?
    var agent: (column: Column<Int32>, codes: CodeDictionary)?
    var topic: (column: Column<Int32>, codes: CodeDictionary)?
    var service: (column: Column<Int32>, codes: CodeDictionary)?

    /// Days from the first to the last held (1 when none is).
    var dayCount: Int { dayRange.map { Int($0.upperBound - $0.lowerBound) + 1 } ?? 1 }
}

extension CallTable {
    var keyColumns: ProcessKeyColumns {
        ProcessKeyColumns(
            day: day, dayRange: dayRange, hour: hour, channel: channel, location: (location, locations),
            queue: (queue, queues), agent: (agent, agents), topic: (topic, topics), service: (service, services))
    }
}
