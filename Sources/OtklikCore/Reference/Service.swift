/// A type of service or product the customer came for.
public struct Service: Sendable, Codable, Equatable {
    public var code: String
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}
