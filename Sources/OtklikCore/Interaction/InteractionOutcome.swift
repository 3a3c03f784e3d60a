/// How a contact ended, from the queue's point of view.
public enum InteractionOutcome: String, Sendable, Codable, CaseIterable {
    /// An agent took it.
    case answered
    /// The customer hung up while waiting in the queue.
    case abandoned
    /// Ended before reaching the queue (self-service in the IVR, or a hang-up there): never offered to agents.
    case selfService = "self_service"
}
