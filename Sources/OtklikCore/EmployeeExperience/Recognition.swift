import Foundation

/// Recognition of a staff member (seed 000: eThanks, praise passed on): thanks from a colleague, or a customer's praise
/// — positive feedback naming them — passed on to them and their manager.
public struct Recognition: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case thanks
        case customerPraise = "customer_praise"
    }

    /// Why a feedback counts as praise.
    public enum Basis: String, Sendable, Codable, CaseIterable {
        /// NPS 9-10.
        case nps
        /// CSAT 5.
        case csat
        /// A comment whose sentiment is positive.
        case sentiment
    }

    /// The client's id for thanks (a retry with the same id changes nothing); `praise-` + the feedback id for praise.
    public var id: String
    public var kind: Kind
    /// The colleague who thanks; nil for customer praise.
    public var from: String?
    public var to: String
    public var feedbackId: String?
    public var basis: Basis?
    /// The thanks' words, or the customer's comment while the feedback is kept (empty when there is none).
    public var text: String
    public var createdAt: Date

    public init(
        id: String, kind: Kind, from: String?, to: String, feedbackId: String? = nil, basis: Basis? = nil, text: String, createdAt: Date
    ) {
        self.id = id
        self.kind = kind
        self.from = from
        self.to = to
        self.feedbackId = feedbackId
        self.basis = basis
        self.text = text
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, from, to, basis, text
        case feedbackId = "feedback_id"
        case createdAt = "created_at"
    }

    public static let textLimit = 1000

    /// Checks thanks between colleagues (422 naming the field).
    public func validateThanks() throws(OtklikError) {
        try Identifier.validate(id, field: "id")
        guard let from, !from.isEmpty else { throw .invalid("from", "name the colleague who thanks (a staff code)") }
        guard !to.isEmpty else { throw .invalid("to", "name the colleague thanked (a staff code)") }
        guard from != to else { throw .invalid("to", "thanks go to a colleague, not to oneself") }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= Self.textLimit else { throw .invalid("text", "text must be 1-\(Self.textLimit) characters") }
    }

    /// Whether a feedback is praise worth passing on, and why (score first: NPS 9-10, then CSAT 5, then a positive
    /// comment). A comment whose sentiment is negative is never passed on as praise, whatever the score: "rude and
    /// inattentive" under a 10 is a slip of the finger or sarcasm, not thanks.
    public static func praiseBasis(nps: Int?, csat: Int?, sentiment: String?) -> Basis? {
        if sentiment == "negative" { return nil }
        if let nps, nps >= 9 { return .nps }
        if let csat, csat == 5 { return .csat }
        if nps == nil, csat == nil, sentiment == "positive" { return .sentiment }
        return nil
    }
}
