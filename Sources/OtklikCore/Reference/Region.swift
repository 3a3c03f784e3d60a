/// A region groups locations (a city, a district, a territorial directorate).
public struct Region: Sendable, Codable, Equatable {
    public var code: String
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}
