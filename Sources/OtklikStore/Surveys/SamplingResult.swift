/// What happened to one interaction offered to a survey: the plan's outcome (`invited`, `not_sampled`, `quota_full`,
/// `fatigued`, or `not_eligible` when the survey's attributes exclude it), the stratum, the explanation, and for an
/// invitation its id and link token. `duplicate` marks an interaction decided before: its first decision is returned,
/// with the token only while the invitation still waits in the outbox.
public struct SamplingResult: Sendable, Equatable {
    public var interaction: String
    public var outcome: String
    public var stratum: String
    public var explanation: String
    public var invitation: String?
    public var token: String?
    public var duplicate: Bool

    public init(interaction: String, outcome: String, stratum: String, explanation: String, invitation: String? = nil, token: String? = nil, duplicate: Bool = false) {
        self.interaction = interaction
        self.outcome = outcome
        self.stratum = stratum
        self.explanation = explanation
        self.invitation = invitation
        self.token = token
        self.duplicate = duplicate
    }
}
