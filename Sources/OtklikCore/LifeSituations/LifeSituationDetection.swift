import Foundation

/// A customer found in a life situation: when (the signal that completed the rule), and the signals that did.
public struct LifeSituationDetection: Sendable, Equatable {
    public var situation: String
    public var customer: String
    public var detectedAt: Date
    public var evidence: [SignalOccurrence]

    public init(situation: String, customer: String, detectedAt: Date, evidence: [SignalOccurrence]) {
        self.situation = situation
        self.customer = customer
        self.detectedAt = detectedAt
        self.evidence = evidence
    }

    /// Deterministic: the same signals give the same id on every server and every replay.
    public var id: String { "\(situation):\(customer):\(Int64((detectedAt.timeIntervalSince1970 * 1000).rounded()))" }
}
