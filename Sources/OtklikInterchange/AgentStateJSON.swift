import Foundation
import OtklikCore

/// One agent-state interval as CSV and JSON carry it: `agent,state,start,end` (ISO-8601 times).
public struct AgentStateJSON: Codable, Sendable {
    public var agent: String
    public var state: String
    public var start: String
    public var end: String

    public static let columns = ["agent", "state", "start", "end"]

    public func interval(now: Date = Date()) throws(OtklikError) -> AgentStateInterval {
        guard let startDate = Timestamp.parse(start) else { throw .invalid("start", "start must be an ISO-8601 time") }
        guard let endDate = Timestamp.parse(end) else { throw .invalid("end", "end must be an ISO-8601 time") }
        guard let state = AgentState(rawValue: state) else {
            throw .invalid("state", "state must be one of \(AgentState.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let interval = AgentStateInterval(agent: agent, state: state, start: startDate, end: endDate)
        try interval.validate(now: now)
        return interval
    }

    /// Reads one CSV row (an empty cell is absent).
    public init(row cells: CSVRow) {
        agent = cells["agent"] ?? ""
        state = cells["state"] ?? ""
        start = cells["start"] ?? ""
        end = cells["end"] ?? ""
    }

    /// Reads intervals from CSV, each row validated (an error names its line and column): a whole text, or a file
    /// streamed in chunks (``RecordCSV/next(limit:)``).
    public static func csv(_ reader: CSVReader, skipBad: Bool, now: Date = Date()) throws -> RecordCSV<AgentStateInterval> {
        try RecordCSV(reader: reader, columns: columns, required: columns, skipBad: skipBad, row: { row throws(OtklikError) in
            try AgentStateJSON(row: row).interval(now: now)
        })
    }

    public static func parseCSV(_ text: String, skipBad: Bool, now: Date = Date()) throws -> (records: [ImportRecord<AgentStateInterval>], skipped: [ImportProblem]) {
        try csv(CSVReader(text: text), skipBad: skipBad, now: now).all()
    }
}
