import OtklikCore
import OtklikMetrics

/// The facts written in a stretch of the change feed, each table's rows in feed order.
public struct FeedBatch: Sendable {
    /// The position the batch reaches: every event up to it is included.
    public var through: Int64
    public var feedback: [FeedbackFact] = []
    public var interactions: [Interaction] = []
    public var serviceRequests: [ServiceRequest] = []
    public var agentStates: [AgentStateInterval] = []
    /// The reference data the analytics engine keeps, as it stands after the stretch; nil when the stretch changed none.
    public var reference: ReferenceState?

    public var isEmpty: Bool { feedback.isEmpty && interactions.isEmpty && serviceRequests.isEmpty && agentStates.isEmpty && reference == nil }
}

extension CommittedGroup where R == Feedback {
    /// What a reader of the feed gets for this group's event alone (``ChangeFeed/batch(after:limit:)`` after the
    /// position before it): the group's feedback facts, in feed order, each with the customer the write linked it to
    /// (as the stored row's `customer_id`), and nothing else.
    public var feedBatch: FeedBatch {
        FeedBatch(through: position, feedback: records.map { record in
            var fact = FeedbackFact(record)
            fact.customer = customers[record.id]
            return fact
        })
    }
}
