import Foundation

/// One interval of an agent's state log; an agent is in one state at a time, so the agent and the start identify it.
public struct AgentStateInterval: Sendable, Codable, Equatable {
    public var agent: String
    public var state: AgentState
    public var start: Date
    public var end: Date

    public init(agent: String, state: AgentState, start: Date, end: Date) {
        self.agent = agent
        self.state = state
        self.start = start
        self.end = end
    }

    /// `agent@start-in-ms`: the client id that makes a re-import idempotent.
    public var id: String { "\(agent)@\(Int64((start.timeIntervalSince1970 * 1000).rounded()))" }

    public var seconds: Double { end.timeIntervalSince(start) }

    public func validate(now: Date = Date()) throws(OtklikError) {
        try Identifier.validate(agent, field: "agent")
        guard end > start else { throw .invalid("end", "end must be after start") }
        guard seconds <= 86_400 else { throw .invalid("end", "an interval longer than a day is not a state but a gap in the log") }
        if end.timeIntervalSince(now) > 300 { throw .invalid("end", "end is in the future") }
    }
}
