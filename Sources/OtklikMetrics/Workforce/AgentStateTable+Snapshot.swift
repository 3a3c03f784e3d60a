import Foundation
import OtklikCore

extension AgentStateTable {
    /// Writes the agents' codes and the columns (the day range is rebuilt on reading).
    func write(to writer: inout SnapshotWriter) throws {
        try writer.write(Int64(count))
        try writer.write(agents.codes)
        try writer.write(start); try writer.write(day); try writer.write(hour)
        try writer.write(agent); try writer.write(state); try writer.write(seconds)
    }

    /// A table as ``write(to:)`` wrote it, every agent id, hour and state checked to be in range.
    static func read(from reader: inout SnapshotReader, timeZone: TimeZone) throws -> AgentStateTable {
        var table = AgentStateTable(timeZone: timeZone)
        let n = try reader.count(atMost: reader.unread)
        table.agents = try CodeDictionary(snapshot: try reader.strings())
        table.start = try reader.column(count: n)
        table.day = try reader.column(count: n)
        table.hour = try reader.column(count: n)
        table.agent = try reader.column(count: n)
        table.state = try reader.column(count: n)
        table.seconds = try reader.column(count: n)
        if n > 0 && table.agents.count == 0 { throw SnapshotError.corrupt("intervals without any agent held") }
        try SnapshotCheck.values(table.agent, in: 0...Int32(max(0, table.agents.count - 1)), "agent")
        try SnapshotCheck.values(table.hour, in: 0...23, "hour")
        try SnapshotCheck.values(table.state, in: 0...UInt8(AgentState.allCases.count - 1), "state")
        if let (low, high) = SnapshotCheck.bounds(table.day) { table.dayRange = low...high }
        return table
    }
}
