/// Which recorded events belong to a stage. An empty list does not filter: feedback with no channels and no services is
/// every feedback. Interactions filter by channel, service and topic; service requests by the status they reached
/// (`open`: submitted, at `submitted_at`; `completed`, `rejected`, `withdrawn`: closed so, at `closed_at`), channel and
/// service; cases by `opened` (at `opened_at`) or `closed` (resolved, at `resolved_at`), their customer that of their feedback.
public struct JourneyBinding: Sendable, Codable, Equatable {
    public enum Source: String, Sendable, Codable, CaseIterable {
        case feedback
        case interaction
        case request
        case feedbackCase = "case"
    }

    public static let caseEvents = ["opened", "closed"]

    public var source: Source
    public var channels: [Channel]
    public var services: [String]
    public var topics: [String]
    /// Request statuses reached, or case events (`opened`, `closed`).
    public var statuses: [String]

    public init(source: Source, channels: [Channel] = [], services: [String] = [], topics: [String] = [], statuses: [String] = []) {
        self.source = source
        self.channels = channels
        self.services = services
        self.topics = topics
        self.statuses = statuses
    }

    func normalized() -> JourneyBinding {
        var copy = self
        copy.channels = Array(Set(channels)).sorted { $0.rawValue < $1.rawValue }
        copy.services = Array(Set(services)).sorted()
        copy.topics = Array(Set(topics)).sorted()
        copy.statuses = Array(Set(statuses)).sorted()
        return copy
    }

    func validate(path: String) throws(OtklikError) {
        for (index, service) in services.enumerated() { try Identifier.validate(service, field: "\(path).services[\(index)]") }
        for (index, topic) in topics.enumerated() where topic.isEmpty || topic.count > 128 || topic.contains(";") {
            throw .invalid("\(path).topics[\(index)]", "a topic is 1-128 characters without ';'")
        }
        switch source {
        case .feedback:
            guard topics.isEmpty else { throw .invalid("\(path).topics", "feedback has no topic: bind it by channel and service") }
            guard statuses.isEmpty else { throw .invalid("\(path).statuses", "feedback has no status: bind it by channel and service") }
        case .interaction:
            guard statuses.isEmpty else { throw .invalid("\(path).statuses", "interactions are bound by channel, service and topic") }
        case .request:
            guard topics.isEmpty else { throw .invalid("\(path).topics", "service requests have no topic") }
            guard !statuses.isEmpty else { throw .invalid("\(path).statuses", "name the statuses reached: open, completed, rejected, withdrawn") }
            for (index, status) in statuses.enumerated() where RequestStatus(rawValue: status) == nil {
                throw .invalid("\(path).statuses[\(index)]", "unknown request status '\(status)': open, completed, rejected or withdrawn")
            }
        case .feedbackCase:
            guard topics.isEmpty, channels.isEmpty, services.isEmpty else {
                throw .invalid("\(path).channels", "cases are bound by event only (opened, closed)")
            }
            guard !statuses.isEmpty else { throw .invalid("\(path).statuses", "name the case events: opened, closed") }
            for (index, status) in statuses.enumerated() where !Self.caseEvents.contains(status) {
                throw .invalid("\(path).statuses[\(index)]", "unknown case event '\(status)': opened or closed")
            }
        }
    }
}
