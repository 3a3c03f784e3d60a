/// The segment a feedback metric was computed on (`segment=CODE` in `GET /api/v1/metrics`, `otklik metrics --segment`):
/// whose records, counted as of when, and whether its figures are shown at all (a segment smaller than the minimum size
/// has them withheld, as on `/segments`).
public struct ReportedSegment: Sendable, Codable, Equatable {
    public var code: String
    public var nameRu: String
    public var nameEn: String
    /// When the membership was evaluated (ISO-8601, UTC): the rules read each customer's purchases, feedback and scores
    /// as of that moment; the figures then cover the chosen period's records of those customers.
    public var membersAsOf: String
    /// The segment's current members.
    public var customers: Int
    /// The members whose size the minimum applies to: all of them, or for a caller limited to some locations those with
    /// a record there.
    public var customersInScope: Int
    public var minimumSize: Int
    public var shown: Bool
    /// Why the figures are withheld; absent when they are shown.
    public var withheld: String?
    public var membership: String

    public static let membershipDefinition =
        "records linked to the segment's members (the customers meeting every rule of the segment as of members_as_of, and the customers merged into them)"

    public init(
        code: String, nameRu: String, nameEn: String, membersAsOf: String, customers: Int, customersInScope: Int, minimumSize: Int
    ) {
        self.code = code
        self.nameRu = nameRu
        self.nameEn = nameEn
        self.membersAsOf = membersAsOf
        self.customers = customers
        self.customersInScope = customersInScope
        self.minimumSize = minimumSize
        shown = customersInScope >= minimumSize
        withheld = shown ? nil : "too few customers to show figures: \(customersInScope) < \(minimumSize)"
        membership = Self.membershipDefinition
    }

    enum CodingKeys: String, CodingKey {
        case code, nameRu = "name_ru", nameEn = "name_en", membersAsOf = "members_as_of", customers,
            customersInScope = "customers_in_scope", minimumSize = "minimum_size", shown, withheld, membership
    }
}

/// A `by=segment` row left out: the segment and why its figures are withheld.
public struct SuppressedGroup: Sendable, Codable, Equatable {
    public var key: [String: String]
    public var customers: Int
    public var reason: String

    public init(key: [String: String], customers: Int, reason: String) {
        self.key = key
        self.customers = customers
        self.reason = reason
    }
}
