import Foundation

/// One invitation to a survey: who (the customer key, when known), after which interaction, its attributes, where it
/// stands, and which questions the respondent was shown (so the missing answers are known to be planned).
/// The link's token is never here: only its SHA-256 is stored.
public struct SurveyInvitation: Sendable, Codable, Equatable {
    public var id: String
    public var survey: String
    public var interaction: String?
    public var customer: String?
    public var location: String?
    public var staff: String?
    public var service: String?
    public var channel: String?
    public var stratum: String?
    public var status: InvitationStatus
    public var invitedAt: Date
    public var expiresAt: Date
    public var respondedAt: Date?
    /// The questions shown, integral first; nil until the link was first opened.
    public var shown: [String]?

    public init(
        id: String, survey: String, interaction: String? = nil, customer: String? = nil, location: String? = nil, staff: String? = nil,
        service: String? = nil, channel: String? = nil, stratum: String? = nil, status: InvitationStatus = .invited, invitedAt: Date,
        expiresAt: Date, respondedAt: Date? = nil, shown: [String]? = nil
    ) {
        self.id = id
        self.survey = survey
        self.interaction = interaction
        self.customer = customer
        self.location = location
        self.staff = staff
        self.service = service
        self.channel = channel
        self.stratum = stratum
        self.status = status
        self.invitedAt = invitedAt
        self.expiresAt = expiresAt
        self.respondedAt = respondedAt
        self.shown = shown
    }

    public func isExpired(now: Date) -> Bool { now >= expiresAt }
}
