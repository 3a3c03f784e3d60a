import Foundation

/// A proactive programme (issue 19 item 2, seed 003): trigger → audience → action → limits, measured on `outcome`
/// against a random hold-out of `holdoutShare` of the eligible customers.
public struct Programme: Sendable, Equatable {
    public var code: String
    public var name: String
    public var trigger: ProgrammeTrigger
    public var audience: [AudienceRule]
    /// Segments (codes of stored segments) the customer must be a member of, besides the rules; all must hold.
    public var segments: [String]
    /// When `trigger` is `schedule`: its occurrences.
    public var schedule: ProgrammeSchedule?
    /// When `trigger` is `prediction`: the score and its bounds.
    public var prediction: PredictionThreshold?
    /// When `trigger` is `service_request_stalled`: the term in working days and the services.
    public var stall: ServiceRequestStall?
    /// When `trigger` is `purchase_pattern`: the pattern.
    public var purchasePattern: PurchasePattern?
    /// When `trigger` is `service_request_resolved`: the services it is limited to (nil or none: every service).
    public var resolution: ServiceRequestResolution?
    public var action: ProgrammeAction
    public var limits: ContactLimits
    /// The share of eligible customers held out (0.1 by default), assigned by ``HoldoutAssignment``.
    public var holdoutShare: Double
    /// Whether the organisation's global hold-out (customers no programme contacts) applies.
    public var globalHoldout: Bool
    public var outcome: ProgrammeOutcome
    /// Days after first eligibility over which the outcome is measured.
    public var outcomeDays: Int
    /// Pause by itself when the report finds the effect significantly harmful.
    public var autoPause: Bool
    public var status: ProgrammeStatus
    /// The effect the report should be able to see (the MDE is shown against it before launch); on the outcome's scale.
    public var expectedEffect: Double?

    public init(
        code: String, name: String, trigger: ProgrammeTrigger, audience: [AudienceRule] = [], action: ProgrammeAction,
        limits: ContactLimits = ContactLimits(), holdoutShare: Double = 0.1, globalHoldout: Bool = false, outcome: ProgrammeOutcome,
        outcomeDays: Int = 90, autoPause: Bool = false, status: ProgrammeStatus = .active, expectedEffect: Double? = nil,
        segments: [String] = [], schedule: ProgrammeSchedule? = nil, prediction: PredictionThreshold? = nil,
        stall: ServiceRequestStall? = nil, purchasePattern: PurchasePattern? = nil, resolution: ServiceRequestResolution? = nil
    ) {
        self.resolution = resolution
        self.stall = stall
        self.purchasePattern = purchasePattern
        self.segments = segments
        self.schedule = schedule
        self.prediction = prediction
        self.code = code
        self.name = name
        self.trigger = trigger
        self.audience = audience
        self.action = action
        self.limits = limits
        self.holdoutShare = holdoutShare
        self.globalHoldout = globalHoldout
        self.outcome = outcome
        self.outcomeDays = outcomeDays
        self.autoPause = autoPause
        self.status = status
        self.expectedEffect = expectedEffect
    }
}

extension Programme {
    /// Whether the change feed's events trigger it: the string triggers and the first purchase (the rest run on rounds).
    public var runsOnFeed: Bool { trigger.isEvent || purchasePattern?.runsOnFeed == true }
}
