import Foundation

/// One recorded event bound to a journey stage: which stage (its index in the journey's order), whose (the resolved
/// customer id, nil when anonymous), when, and the scores a feedback carries.
public struct JourneyEvent: Sendable, Equatable {
    public var stage: Int
    /// `feedback:<id>`, `interaction:<id>`, `request:<id>:<status>`, `case:<id>:<event>`: an event counts once per stage.
    public var key: String
    public var customer: String?
    public var at: Date
    public var csat: Int?
    public var ces: Int?

    public init(stage: Int, key: String, customer: String?, at: Date, csat: Int? = nil, ces: Int? = nil) {
        self.stage = stage
        self.key = key
        self.customer = customer
        self.at = at
        self.csat = csat
        self.ces = ces
    }
}
