/// A front-office employee or agent.
public struct Staff: Sendable, Codable, Equatable {
    public var code: String
    public var name: String
    public var location: String?
    public var role: String?
    /// Where their notifications are e-mailed (optional).
    public var email: String?
    /// The team they belong to (a code), for the case reports by team.
    public var team: String?

    public init(code: String, name: String, location: String? = nil, role: String? = nil, email: String? = nil, team: String? = nil) {
        self.code = code
        self.name = name
        self.location = location
        self.role = role
        self.email = email
        self.team = team
    }
}
