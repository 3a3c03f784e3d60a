import Foundation

/// A record that carries a signal: which signal, whose, when, and the record's id (the evidence a detection shows).
public struct SignalOccurrence: Sendable, Hashable, Codable {
    public var signal: LifeSituationSignal
    public var customer: String
    public var at: Date
    public var record: String

    public init(signal: LifeSituationSignal, customer: String, at: Date, record: String) {
        self.signal = signal
        self.customer = customer
        self.at = at
        self.record = record
    }

    /// Time order; ties by record id, so a detection never depends on the order rows were read.
    public static func chronological(_ lhs: SignalOccurrence, _ rhs: SignalOccurrence) -> Bool {
        if lhs.at != rhs.at { return lhs.at < rhs.at }
        if lhs.record != rhs.record { return lhs.record < rhs.record }
        return lhs.signal.key < rhs.signal.key
    }
}
