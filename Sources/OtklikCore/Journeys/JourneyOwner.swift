/// Who answers for a journey: a user of Otklik (by username) or a staff member (by code).
public struct JourneyOwner: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case user
        case staff
    }

    public var kind: Kind
    public var id: String

    public init(kind: Kind, id: String) {
        self.kind = kind
        self.id = id
    }
}
