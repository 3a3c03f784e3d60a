/// Why a message did not go out, and whether trying again can help: a **temporary** failure (connection refused, a
/// TLS handshake that failed, an SMTP 4xx reply, a gateway's 5xx or 429) is retried with back-off; a **permanent** one
/// (an SMTP 5xx reply, a gateway's 4xx or its "rejected" status, no address to send to) is final at once. The reason is
/// written to the delivery record and the log, so it never holds a password, a token or a recipient's address.
public struct DeliveryFailure: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: String, Sendable {
        case temporary, permanent
    }

    public var kind: Kind
    public var reason: String

    public init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }

    public static func temporary(_ reason: String) -> DeliveryFailure { DeliveryFailure(.temporary, reason) }
    public static func permanent(_ reason: String) -> DeliveryFailure { DeliveryFailure(.permanent, reason) }

    public var isPermanent: Bool { kind == .permanent }
    public var description: String { "\(kind.rawValue) failure: \(reason)" }

    /// Any error as a delivery failure: a `DeliveryFailure` as it is, anything else temporary (a sender that throws
    /// something unforeseen gets another chance).
    public static func from(_ error: any Error) -> DeliveryFailure {
        (error as? DeliveryFailure) ?? .temporary("\(error)")
    }
}
