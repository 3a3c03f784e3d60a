/// Where a message to a customer stands: **queued** (not sent yet, or retried after a temporary failure), **sent**
/// (the SMTP server or the gateway accepted it), **delivered** (the provider reported it delivered), **bounced** (the
/// provider reported it undeliverable after accepting it) or **failed** (a permanent failure, or the last attempt).
public enum DeliveryStatus: String, Sendable, Codable, CaseIterable {
    case queued, sent, delivered, bounced, failed

    /// Never delivered, and no attempt will follow.
    public var isUndelivered: Bool { self == .bounced || self == .failed }
}
