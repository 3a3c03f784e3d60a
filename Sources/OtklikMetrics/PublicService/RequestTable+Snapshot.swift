import Foundation
import OtklikCore

extension RequestTable {
    /// Writes the codes and columns (the day range is rebuilt on reading).
    func write(to writer: inout SnapshotWriter) throws {
        try writer.write(Int64(count))
        for codes in [ids, services, locations, customers] { try writer.write(codes.codes) }
        try writer.write(submitted); try writer.write(day); try writer.write(hour)
        for column in [service, location, customer] { try writer.write(column) }
        try writer.write(channel); try writer.write(status); try writer.write(cost)
    }

    /// A table as ``write(to:)`` wrote it: one id per row, every code id, hour, channel and status checked to be in range.
    static func read(from reader: inout SnapshotReader, timeZone: TimeZone) throws -> RequestTable {
        var table = RequestTable(timeZone: timeZone)
        let n = try reader.count(atMost: reader.unread)
        table.ids = try CodeDictionary(snapshot: try reader.strings())
        guard table.ids.count == n else { throw SnapshotError.corrupt("\(table.ids.count) request ids for \(n) requests") }
        table.services = try CodeDictionary(snapshot: try reader.strings())
        table.locations = try CodeDictionary(snapshot: try reader.strings())
        table.customers = try CodeDictionary(snapshot: try reader.strings())
        table.submitted = try reader.column(count: n)
        table.day = try reader.column(count: n)
        table.hour = try reader.column(count: n)
        table.service = try reader.column(count: n)
        table.location = try reader.column(count: n)
        table.customer = try reader.column(count: n)
        table.channel = try reader.column(count: n)
        table.status = try reader.column(count: n)
        table.cost = try reader.column(count: n)
        try SnapshotCheck.values(table.service, in: 0...Int32(max(0, table.services.count - 1)), "service")
        if n > 0 && table.services.count == 0 { throw SnapshotError.corrupt("requests without any service held") }
        try SnapshotCheck.ids(table.location, below: table.locations.count, "location")
        try SnapshotCheck.ids(table.customer, below: table.customers.count, "customer")
        try SnapshotCheck.values(table.hour, in: 0...23, "hour")
        try SnapshotCheck.values(table.channel, in: 0...UInt8(Channel.allCases.count - 1), "channel")
        try SnapshotCheck.values(table.status, in: 0...UInt8(RequestStatus.allCases.count - 1), "status")
        if let (low, high) = SnapshotCheck.bounds(table.day) { table.dayRange = low...high }
        return table
    }
}
