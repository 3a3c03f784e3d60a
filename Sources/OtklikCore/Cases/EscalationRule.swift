/// Rule-based escalation: when a case opens or its priority changes, the first rule (in order) whose criteria all
/// match sends it straight to a level of the escalation ladder (`manager`, `regional_manager`, `cx_director`) — a
/// CSAT 1 complaint or an urgent case need not wait for a deadline to pass. A criterion left out matches anything; a
/// rule needs at least one. A case already at or above the rule's level stays where it is.
public struct EscalationRule: Sendable, Codable, Equatable {
    public var name: String
    public var caseType: SLAPolicy.CaseType?
    public var location: String?
    /// A reason (theme) the feedback gave, or an employee issue's topic.
    public var reason: String?
    public var priority: CasePriority?
    /// Matches a case whose feedback has a CSAT of at most this (1-5); a case without a CSAT does not match.
    public var csatAtMost: Int?
    /// The ladder role the case goes to: `manager`, `regional_manager` or `cx_director`.
    public var escalateTo: String

    public init(
        name: String, caseType: SLAPolicy.CaseType? = nil, location: String? = nil, reason: String? = nil, priority: CasePriority? = nil,
        csatAtMost: Int? = nil, escalateTo: String
    ) {
        self.name = name
        self.caseType = caseType
        self.location = location
        self.reason = reason
        self.priority = priority
        self.csatAtMost = csatAtMost
        self.escalateTo = escalateTo
    }

    enum CodingKeys: String, CodingKey {
        case name, caseType = "case_type", location, reason, priority, csatAtMost = "csat_at_most", escalateTo = "escalate_to"
    }

    /// The roles a rule may name: the ladder above a case's first owner.
    public static var roles: [String] { Array(FeedbackCase.escalationRoles.dropFirst()) }

    /// The ladder level the rule escalates to (1 manager, 2 regional manager, 3 CX director).
    public var level: Int { FeedbackCase.escalationRoles.firstIndex(of: escalateTo) ?? 0 }

    public func validate() throws(OtklikError) {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed.count > 100 { throw .invalid("name", "name is 1-100 characters") }
        if let location { try Identifier.validate(location, field: "location") }
        if let reason { try Identifier.validate(reason, field: "reason") }
        if let csatAtMost, !(1...5).contains(csatAtMost) { throw .invalid("csat_at_most", "csat_at_most is 1-5") }
        guard Self.roles.contains(escalateTo) else {
            throw .invalid("escalate_to", "escalate_to must be one of \(Self.roles.joined(separator: ", "))")
        }
        if caseType == nil && location == nil && reason == nil && priority == nil && csatAtMost == nil {
            throw .invalid("name", "a rule needs at least one criterion (case_type, location, reason, priority, csat_at_most)")
        }
    }

    public func matches(type: SLAPolicy.CaseType, location: String?, reasons: [String], priority: CasePriority, csat: Int?) -> Bool {
        guard caseType.map({ $0 == type }) ?? true, self.location.map({ $0 == location }) ?? true else { return false }
        guard reason.map({ reasons.contains($0) }) ?? true, self.priority.map({ $0 == priority }) ?? true else { return false }
        guard let csatAtMost else { return true }
        return csat.map { $0 <= csatAtMost } ?? false
    }
}
