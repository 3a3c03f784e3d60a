/// Targets for a kind of case: complaints or contactable low scores, everywhere or at one location, of any priority or
/// one. The first
/// policy in the list that matches a case applies; without one, the organisation's defaults do.
public struct SLAPolicy: Sendable, Codable, Equatable {
    public enum CaseType: String, Sendable, Codable, CaseIterable {
        case complaint
        case lowScore = "low_score"
        /// An employee's issue or idea about an internal process.
        case employee
    }

    public var name: String
    /// nil: every type.
    public var caseType: CaseType?
    /// nil: every location.
    public var location: String?
    /// nil: every priority.
    public var priority: CasePriority?
    public var firstResponseHours: Double
    public var resolutionHours: Double

    public init(
        name: String, caseType: CaseType? = nil, location: String? = nil, priority: CasePriority? = nil, firstResponseHours: Double,
        resolutionHours: Double
    ) {
        self.priority = priority
        self.name = name
        self.caseType = caseType
        self.location = location
        self.firstResponseHours = firstResponseHours
        self.resolutionHours = resolutionHours
    }

    enum CodingKeys: String, CodingKey {
        case name, caseType = "case_type", location, priority, firstResponseHours = "first_response_hours", resolutionHours = "resolution_hours"
    }

    public func validate() throws(OtklikError) {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed.count > 100 { throw .invalid("name", "name is 1-100 characters") }
        if let location { try Identifier.validate(location, field: "location") }
        guard firstResponseHours > 0, firstResponseHours <= 2_000 else { throw .invalid("first_response_hours", "first_response_hours must be 0-2000") }
        guard resolutionHours >= firstResponseHours, resolutionHours <= 10_000 else {
            throw .invalid("resolution_hours", "resolution_hours must be at least first_response_hours and at most 10000")
        }
    }

    /// The type of the case a feedback opens.
    public static func caseType(of feedback: Feedback) -> CaseType { feedback.kind == .complaint ? .complaint : .lowScore }

    public func matches(_ feedback: Feedback) -> Bool {
        matches(type: Self.caseType(of: feedback), location: feedback.location, priority: CasePriority.initial(for: feedback))
    }

    /// Type, location and priority each match when the policy leaves them out or names the case's.
    public func matches(type: CaseType, location: String?, priority: CasePriority) -> Bool {
        (caseType.map { $0 == type } ?? true) && (self.location.map { $0 == location } ?? true) && (self.priority.map { $0 == priority } ?? true)
    }
}
