/// What an agent was doing during a logged interval (the ACD's agent-state log).
public enum AgentState: String, Sendable, Codable, CaseIterable {
    /// Logged in and idle, ready for a contact.
    case available
    /// Talking to (or holding) a customer.
    case handling
    /// After-contact work.
    case wrap
    /// Logged in but not taking contacts: break, training, meeting, other auxiliary work.
    case aux
}
