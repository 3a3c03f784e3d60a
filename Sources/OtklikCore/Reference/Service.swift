/// A type of service or product the customer came for.
public struct Service: Sendable, Codable, Equatable {
    public var code: String
    public var name: String
    /// Whether the service can be obtained online from start to finish (seed 000's "share of services
    /// available online"); nil when not stated.
    public var availableOnline: Bool?

    public init(code: String, name: String, availableOnline: Bool? = nil) {
        self.code = code
        self.name = name
        self.availableOnline = availableOnline
    }

    enum CodingKeys: String, CodingKey {
        case code, name
        case availableOnline = "available_online"
    }
}
