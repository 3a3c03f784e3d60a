import Foundation
import OtklikCore

extension AgentStateInterval: StoredRecord {
    static let table = "agent_states"
    static let feedKind = FeedEventKind.agentStates
    static var references: [(table: String, field: String, path: KeyPath<AgentStateInterval, String?>)] {[
        ("staff", "agent", \.agentCode),
    ]}
    static let columnList = ["id", "staff_code", "state", "started_at", "ended_at", "received_at"]

    /// The group's intervals as a reader of the feed gets them (``CommittedGroup``: in id order).
    static func engineBatch(_ group: CommittedGroup<AgentStateInterval>) -> (@Sendable () -> FeedBatch)? {
        { FeedBatch(through: group.position, agentStates: group.records) }
    }

    var agentCode: String? { agent }
    /// The state log names no customer.
    var customer: String? { nil }

    public func normalized() -> AgentStateInterval {
        var copy = self
        copy.start = ServiceRequest.wholeMilliseconds(start)
        copy.end = ServiceRequest.wholeMilliseconds(end)
        return copy
    }

    func binds(receivedAt: Int64) -> [SQLValue] {
        [
            .text(id), .text(agent), .text(state.rawValue), .int(ServiceRequest.milliseconds(start)),
            .int(ServiceRequest.milliseconds(end)), .int(receivedAt),
        ]
    }

    init(row: SQLRow) throws {
        guard let state = AgentState(rawValue: try row.string("state")), let start = row.int64("started_at"),
            let end = row.int64("ended_at")
        else { throw OtklikError(.internal, "stored agent state has an unknown state or time") }
        self.init(
            agent: try row.string("staff_code"), state: state, start: Date(timeIntervalSince1970: Double(start) / 1000),
            end: Date(timeIntervalSince1970: Double(end) / 1000))
    }
}

extension AgentStateInterval: NormalizedRecord {}
