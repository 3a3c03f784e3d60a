import OtklikCore

/// Occupancy and utilisation from the agent-state log (METHODS.md, "Contact centre").
public struct AgentMetric: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case occupancy
        case utilisation
    }

    public var kind: Kind

    public init(kind: Kind) {
        self.kind = kind
    }

    public var name: String { kind == .occupancy ? "Occupancy" : "Utilisation" }

    public var definition: String {
        switch kind {
        case .occupancy:
            "Occupancy = (handling + wrap-up time) / (handling + wrap-up + available idle time), %, from the agent-state log; n = agent-days; 95 % CI delta-method ratio estimator over agent-days, Student's t"
        case .utilisation:
            "Utilisation = (handling + wrap-up time) / logged-in time (handling + wrap-up + available + auxiliary), %, from the agent-state log; n = agent-days; 95 % CI delta-method ratio estimator over agent-days, Student's t"
        }
    }

    /// The part of an interval's time that counts in the numerator and in the base.
    func contribution(_ state: AgentState, seconds: Double) -> (handle: Double, base: Double) {
        switch state {
        case .handling, .wrap: (seconds, seconds)
        case .available: (0, seconds)
        case .aux: (0, kind == .utilisation ? seconds : 0)
        }
    }
}
