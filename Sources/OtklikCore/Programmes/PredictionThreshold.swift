import Foundation

/// A prediction trigger: a customer's score crossing a threshold, with hysteresis (``PredictionHysteresis``).
/// `{"kind": "prediction", "score": "churn_risk", "above": 0.6, "reset_below": 0.4}` fires when the score rises above
/// 0.6 and re-arms only once it has fallen below 0.4; `{"kind": "prediction", "score": "p_alive", "below": 0.3,
/// "reset_above": 0.5}` watches a fall instead. Scores are probabilities (0-1), evaluated once a day.
public struct PredictionThreshold: Sendable, Equatable {
    public enum Score: String, Sendable, CaseIterable {
        /// The churn model's probability that the customer makes no purchase in its horizon.
        case churnRisk = "churn_risk"
        /// The BG/NBD model's probability that the customer is still active.
        case pAlive = "p_alive"
    }

    public var score: Score
    /// True: fires on a rise above `fire` (re-arms below `reset`); false: fires on a fall below `fire` (re-arms above `reset`).
    public var upward: Bool
    public var fire: Double
    public var reset: Double

    public init(score: Score, upward: Bool = true, fire: Double, reset: Double) {
        self.score = score
        self.upward = upward
        self.fire = fire
        self.reset = reset
    }

    static func parse(_ object: [String: Any]) throws(OtklikError) -> PredictionThreshold {
        let known: Set<String> = ["kind", "score", "above", "reset_below", "below", "reset_above"]
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw .invalid(unknown, "unknown field; the fields of a prediction trigger are \(known.sorted().joined(separator: ", "))")
        }
        let score: Score = try ProgrammeDefinition.choice(object, "score", Score.allCases)
        let upward = object["above"] != nil || object["reset_below"] != nil
        let downward = object["below"] != nil || object["reset_above"] != nil
        guard upward != downward else {
            throw .invalid("above", "give either above with reset_below (a rise) or below with reset_above (a fall)")
        }
        let (fireKey, resetKey) = upward ? ("above", "reset_below") : ("below", "reset_above")
        guard object[fireKey] != nil else { throw .invalid(fireKey, "required: a probability between 0 and 1") }
        guard object[resetKey] != nil else { throw .invalid(resetKey, "required: the probability that re-arms the trigger") }
        let fire = try ProgrammeDefinition.number(object, fireKey, default: 0)
        let reset = try ProgrammeDefinition.number(object, resetKey, default: 0)
        guard fire > 0, fire < 1 else { throw .invalid(fireKey, "a probability strictly between 0 and 1") }
        guard reset > 0, reset < 1 else { throw .invalid(resetKey, "a probability strictly between 0 and 1") }
        if upward, reset >= fire { throw .invalid(resetKey, "must be below above (\(fire)), or the trigger would never re-arm") }
        if !upward, reset <= fire { throw .invalid(resetKey, "must be above below (\(fire)), or the trigger would never re-arm") }
        return PredictionThreshold(score: score, upward: upward, fire: fire, reset: reset)
    }

    var json: [String: Any] {
        ["kind": "prediction", "score": score.rawValue, upward ? "above" : "below": fire, upward ? "reset_below" : "reset_above": reset]
    }
}
