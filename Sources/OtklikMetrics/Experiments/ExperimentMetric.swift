import Foundation

/// What an experiment measures on each unit, and on which scale its values and effect are reported.
public enum ExperimentMetric: String, Sendable, Codable, CaseIterable {
    /// A 0-10 likelihood-to-recommend answer, coded +1 (9-10), 0 (7-8), −1 (0-6); values and effect in NPS points.
    case nps
    /// A 0/1 outcome; values in percent, the effect in percentage points.
    case proportion
    /// Any number (CES, handling time, revenue); values and effect on its own scale.
    case mean

    /// Reported value = scale × mean of the coded outcomes.
    public var scale: Double { self == .mean ? 1 : 100 }

    /// The outcome as the tests use it; nil when the value does not fit the metric (an NPS answer outside
    /// 0-10 or not whole, a proportion's outcome other than 0 or 1).
    public func code(_ value: Double) -> Double? {
        switch self {
        case .nps:
            guard value >= 0, value <= 10, value == value.rounded() else { return nil }
            return value >= 9 ? 1 : (value <= 6 ? -1 : 0)
        case .proportion:
            return value == 0 || value == 1 ? value : nil
        case .mean:
            return value.isFinite ? value : nil
        }
    }
}
