import Foundation

/// What one stage measured in a period, each figure with its n and 95 % interval; a figure below the minimum n has
/// its n but no value.
public struct JourneyStageFigures: Sendable, Equatable {
    public struct Share: Sendable, Equatable {
        public var n: Int
        public var count: Int
        /// Per cent; nil below the minimum n.
        public var value: Double?
        public var interval: Interval?
    }

    public struct Mean: Sendable, Equatable {
        public var n: Int
        public var value: Double?
        public var interval: Interval?
    }

    public var stage: Int
    /// Events bound to the stage in the period.
    public var volume: Int
    /// Distinct known customers with an event of the stage in the period.
    public var customers: Int
    /// CSAT share of 4-5 among the stage's feedback with a CSAT answer (Wilson).
    public var satisfaction: Share
    /// Mean CES 2.0 (1-7, high = easy) among the stage's feedback with a CES answer (Student's t).
    public var effort: Mean
    /// Customers who reached the stage and no later stage within the window (Wilson); nil for the last stage.
    public var dropOff: Share?
    /// Customers whose window had not ended at the time of the computation: not counted in the drop-off.
    public var censored: Int
    /// Hours from entering the stage to the first event of any later stage, among those who went on within the window
    /// (median, order statistics).
    public var hoursToNext: Mean?
}
