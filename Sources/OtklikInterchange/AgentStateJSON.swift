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

    public init(cells: [String: String]) {
        agent = cells["agent"] ?? ""
        state = cells["state"] ?? ""
        start = cells["start"] ?? ""
        end = cells["end"] ?? ""
    }

    public static func parseCSV(_ text: String, skipBad: Bool, now: Date = Date()) throws -> (records: [ImportRecord<AgentStateInterval>], skipped: [ImportProblem]) {
        try RecordCSV.parse(text, columns: columns, required: columns, skipBad: skipBad) { cells throws(OtklikError) in
            try AgentStateJSON(cells: cells).interval(now: now)
        }
    }
}
