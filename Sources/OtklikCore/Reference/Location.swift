/// A service point: branch, office, public-service centre or contact-centre queue.
public struct Location: Sendable, Codable, Equatable {
    public var code: String
    public var name: String
    public var region: String?
    public var address: String?

    public init(code: String, name: String, region: String? = nil, address: String? = nil) {
        self.code = code
        self.name = name
        self.region = region
        self.address = address
    }
}
