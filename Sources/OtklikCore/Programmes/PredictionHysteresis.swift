import Foundation

/// The hysteresis of a prediction trigger, one customer and programme at a time: an armed customer fires when the
/// score crosses the threshold (strictly above `above` for a rise) and is then disarmed; a disarmed customer is
/// re-armed only when the score crosses back past the reset bound (strictly below `reset_below`). Scores between the
/// bounds change nothing, so jitter around the threshold fires once. A customer seen for the first time is armed: one
/// already past the threshold at the first evaluation fires.
public enum PredictionHysteresis {
    public struct Step: Sendable, Equatable {
        public var armed: Bool
        public var fires: Bool

        public init(armed: Bool, fires: Bool) {
            self.armed = armed
            self.fires = fires
        }
    }

    public static func step(armed: Bool, score: Double, _ threshold: PredictionThreshold) -> Step {
        let crossed = threshold.upward ? score > threshold.fire : score < threshold.fire
        let reset = threshold.upward ? score < threshold.reset : score > threshold.reset
        if armed, crossed { return Step(armed: false, fires: true) }
        if !armed, reset { return Step(armed: true, fires: false) }
        return Step(armed: armed, fires: false)
    }
}
