import Foundation
import OtklikCore

extension FeedbackTable {
    /// Writes the codes and columns (the zone map, day range and rollups are rebuilt on reading).
    func write(to writer: inout SnapshotWriter) throws {
        try writer.write(Int64(count))
        for codes in [locations, staff, services, regions, customers] { try writer.write(codes.codes) }
        try writer.write(regionOfLocation)
        try writer.write(ts); try writer.write(day)
        try writer.write(location); try writer.write(staffColumn); try writer.write(service); try writer.write(customer)
        try writer.write(channel); try writer.write(kind)
        try writer.write(nps); try writer.write(csat); try writer.write(ces); try writer.write(button)
    }

    /// A table as ``write(to:)`` wrote it, every code id and score checked to be in range (what the kernels index by).
    static func read(from reader: inout SnapshotReader, timeZone: TimeZone) throws -> FeedbackTable {
        var table = FeedbackTable(timeZone: timeZone)
        let n = try reader.count(atMost: reader.unread)
        table.locations = try CodeDictionary(snapshot: try reader.strings())
        table.staff = try CodeDictionary(snapshot: try reader.strings())
        table.services = try CodeDictionary(snapshot: try reader.strings())
        table.regions = try CodeDictionary(snapshot: try reader.strings())
        table.customers = try CodeDictionary(snapshot: try reader.strings())
        let regionOfLocation = try reader.column(Int32.self)
        try SnapshotCheck.ids(regionOfLocation, below: table.regions.count, "region of a location")
        guard regionOfLocation.count <= table.locations.count else { throw SnapshotError.corrupt("regions of unknown locations") }
        table.regionOfLocation = Array(regionOfLocation)
        table.ts = try reader.column(count: n)
        table.day = try reader.column(count: n)
        table.location = try reader.column(count: n)
        table.staffColumn = try reader.column(count: n)
        table.service = try reader.column(count: n)
        table.customer = try reader.column(count: n)
        table.channel = try reader.column(count: n)
        table.kind = try reader.column(count: n)
        table.nps = try reader.column(count: n)
        table.csat = try reader.column(count: n)
        table.ces = try reader.column(count: n)
        table.button = try reader.column(count: n)
        try SnapshotCheck.ids(table.location, below: table.locations.count, "location")
        try SnapshotCheck.ids(table.staffColumn, below: table.staff.count, "staff member")
        try SnapshotCheck.ids(table.service, below: table.services.count, "service")
        try SnapshotCheck.ids(table.customer, below: table.customers.count, "customer")
        try SnapshotCheck.values(table.channel, in: 0...UInt8(Channel.allCases.count - 1), "channel")
        try SnapshotCheck.values(table.kind, in: 0...UInt8(FeedbackKind.allCases.count - 1), "kind")
        try SnapshotCheck.values(table.nps, in: -1...10, "NPS")
        try SnapshotCheck.values(table.csat, in: -1...5, "CSAT")
        try SnapshotCheck.values(table.ces, in: -1...7, "CES")
        try SnapshotCheck.values(table.button, in: 0...UInt8(ButtonPress.allCases.count), "button")
        if table.regionOfLocation.count < table.locations.count {
            table.regionOfLocation += Array(repeating: -1, count: table.locations.count - table.regionOfLocation.count)
        }
        let (staffIds, locationIds) = (table.staffColumn.base, table.location.base)
        var placement = StaffPlacement()
        for row in 0..<n { placement.note(staff: staffIds[row], location: locationIds[row]) }
        table.placement = placement
        let times = UnsafeBufferPointer(start: table.ts.base, count: n)
        for (row, time) in times.enumerated() { table.zones.note(time, row: row) }
        if let (low, high) = SnapshotCheck.bounds(table.day) { table.dayRange = low...high }
        return table
    }
}
