/// Where an invitation stands, the outcome codes AAPOR's response rates count: still **invited** (no answer yet:
/// unknown eligibility U), **completed** (I), **partial** (P: answers saved, never submitted), **refused** (R: the
/// respondent declined) and **no_contact** (NC: the invitation could not be delivered).
public enum InvitationStatus: String, Sendable, Codable, CaseIterable {
    case invited
    case completed
    case partial
    case refused
    case noContact = "no_contact"

    /// Whether the respondent may still open the link and answer.
    public var isOpen: Bool { self == .invited || self == .partial }
}
