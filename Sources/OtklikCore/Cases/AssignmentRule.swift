/// Who gets a new case: the first rule (in order) whose case type, location, reason and priority match names the
/// owner (a staff code); without a match the location's manager does. Each criterion left out matches anything.
public struct AssignmentRule: Sendable, Codable, Equatable {
    public var name: String
    public var caseType: SLAPolicy.CaseType?
    public var location: String?
    /// A reason (theme) the feedback gave.
    public var reason: String?
    public var priority: CasePriority?
    /// The staff code that owns the matching cases.
    public var owner: String

    public init(
        name: String, caseType: SLAPolicy.CaseType? = nil, location: String? = nil, reason: String? = nil, priority: CasePriority? = nil,
        owner: String
    ) {
        self.name = name
        self.caseType = caseType
        self.location = location
        self.reason = reason
        self.priority = priority
        self.owner = owner
    }

    enum CodingKeys: String, CodingKey {
        case name, caseType = "case_type", location, reason, priority, owner
    }

    public func validate() throws(OtklikError) {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed.count > 100 { throw .invalid("name", "name is 1-100 characters") }
        if let location { try Identifier.validate(location, field: "location") }
        if let reason { try Identifier.validate(reason, field: "reason") }
        try Identifier.validate(owner, field: "owner")
    }

    public func matches(type: SLAPolicy.CaseType, location: String?, reasons: [String], priority: CasePriority) -> Bool {
        (caseType.map { $0 == type } ?? true) && (self.location.map { $0 == location } ?? true)
            && (reason.map { reasons.contains($0) } ?? true) && (self.priority.map { $0 == priority } ?? true)
    }

    public func matches(_ feedback: Feedback) -> Bool {
        matches(
            type: SLAPolicy.caseType(of: feedback), location: feedback.location, reasons: feedback.reasons, priority: CasePriority.initial(for: feedback))
    }
}
