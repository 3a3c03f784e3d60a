/// A front-office employee or agent.
public struct Staff: Sendable, Codable, Equatable {
    public var code: String
    public var name: String
    public var location: String?
    public var role: String?

    public init(code: String, name: String, location: String? = nil, role: String? = nil) {
        self.code = code
        self.name = name
        self.location = location
        self.role = role
    }
}
