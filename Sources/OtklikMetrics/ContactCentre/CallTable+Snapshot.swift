import Foundation
import OtklikCore

extension CallTable {
    /// Writes the codes and columns (the FCR index and the day range are rebuilt on reading).
    func write(to writer: inout SnapshotWriter) throws {
        try writer.write(Int64(count))
        for codes in [queues, agents, topics, locations, services, customers, requests] { try writer.write(codes.codes) }
        try writer.write(arrival); try writer.write(day); try writer.write(hour)
        for column in [queue, agent, topic, location, service, customer, request] { try writer.write(column) }
        try writer.write(channel); try writer.write(flags)
        try wait.write(to: &writer); try handle.write(to: &writer)
        try writer.write(repeatGap)
        try writer.write(UInt8(repeatGapsStale ? 1 : 0))
    }

    /// A table as ``write(to:)`` wrote it, every code id, hour, channel and outcome checked to be in range.
    static func read(from reader: inout SnapshotReader, timeZone: TimeZone) throws -> CallTable {
        var table = CallTable(timeZone: timeZone)
        let n = try reader.count(atMost: reader.unread)
        table.queues = try CodeDictionary(snapshot: try reader.strings())
        table.agents = try CodeDictionary(snapshot: try reader.strings())
        table.topics = try CodeDictionary(snapshot: try reader.strings())
        table.locations = try CodeDictionary(snapshot: try reader.strings())
        table.services = try CodeDictionary(snapshot: try reader.strings())
        table.customers = try CodeDictionary(snapshot: try reader.strings())
        table.requests = try CodeDictionary(snapshot: try reader.strings())
        table.arrival = try reader.column(count: n)
        table.day = try reader.column(count: n)
        table.hour = try reader.column(count: n)
        table.queue = try reader.column(count: n)
        table.agent = try reader.column(count: n)
        table.topic = try reader.column(count: n)
        table.location = try reader.column(count: n)
        table.service = try reader.column(count: n)
        table.customer = try reader.column(count: n)
        table.request = try reader.column(count: n)
        table.channel = try reader.column(count: n)
        table.flags = try reader.column(count: n)
        table.wait = try SecondsColumn.read(from: &reader, count: n)
        table.handle = try SecondsColumn.read(from: &reader, count: n)
        table.repeatGap = try reader.column(count: n)
        table.repeatGapsStale = try reader.read(UInt8.self) != 0
        try SnapshotCheck.ids(table.queue, below: table.queues.count, "queue")
        try SnapshotCheck.ids(table.agent, below: table.agents.count, "agent")
        try SnapshotCheck.ids(table.topic, below: table.topics.count, "topic")
        try SnapshotCheck.ids(table.location, below: table.locations.count, "location")
        try SnapshotCheck.ids(table.service, below: table.services.count, "service")
        try SnapshotCheck.ids(table.customer, below: table.customers.count, "customer")
        try SnapshotCheck.ids(table.request, below: table.requests.count, "request")
        try SnapshotCheck.values(table.hour, in: 0...23, "hour")
        try SnapshotCheck.values(table.channel, in: 0...UInt8(Channel.allCases.count - 1), "channel")
        try SnapshotCheck.values(table.flags, in: 0...(Flags.outcome | Flags.transferred | Flags.anonymous), "outcome")
        if let (low, high) = SnapshotCheck.bounds(table.day) { table.dayRange = low...high }
        try table.rebuildLastContacts()
        return table
    }

    /// The latest row of each identified customer and topic, as the appends left it: a row replaces the one held
    /// when it arrived no earlier.
    private mutating func rebuildLastContacts() throws {
        let emptyTopic = topics.id(of: "")
        lastContact = [:]
        for row in 0..<count {
            let customerId = customer[row]
            guard customerId >= 0, flags[row] & Flags.outcome != Flags.selfService else { continue }
            guard let topicId = topic[row] >= 0 ? topic[row] : emptyTopic else {
                throw SnapshotError.corrupt("a contact without a topic and no empty topic held")
            }
            let key = Int64(customerId) << 32 | Int64(topicId)
            if let previous = lastContact[key], arrival[row] < arrival[Int(previous)] { continue }
            lastContact[key] = Int32(row)
        }
    }
}
