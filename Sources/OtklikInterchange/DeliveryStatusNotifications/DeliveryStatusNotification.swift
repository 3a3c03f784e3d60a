/// A delivery status notification (RFC 3464: a `multipart/report; report-type=delivery-status` message a mail server
/// sends back about a message it could not deliver, or delivered late), read by ``parse(_:)``: which message it is about
/// (the envelope id given at sending, or the Message-ID of the returned headers) and, for each recipient, the action
/// taken and the status code.
public struct DeliveryStatusNotification: Sendable, Equatable {
    /// One recipient's fields (RFC 3464 §2.3).
    public struct Recipient: Sendable, Equatable {
        /// The address, without its type (`rfc822;`).
        public var finalRecipient: String
        /// `failed`, `delayed`, `delivered`, `relayed` or `expanded`.
        public var action: String
        /// The enhanced status code (RFC 3463): `5.1.1` (permanent), `4.4.1` (transient), `2.0.0` (success).
        public var status: String
        /// The remote server's own words (`smtp; 550 5.1.1 no such user`), when given.
        public var diagnostic: String?

        public init(finalRecipient: String, action: String, status: String, diagnostic: String?) {
            self.finalRecipient = finalRecipient
            self.action = action
            self.status = status
            self.diagnostic = diagnostic
        }

        /// What the notification says of the message to this recipient.
        public var outcome: Outcome {
            if action == "failed" && status.hasPrefix("5.") { return .permanentFailure }
            if action == "delayed" || status.hasPrefix("4.") { return .delayed }
            return .delivered
        }
    }

    /// A permanent failure (`Action: failed` with a `5.x.x` status: a bounce, the message will never arrive), a delay
    /// (`Action: delayed`, or a `4.x.x` status: the server is still trying), or delivered (`delivered`, `relayed`,
    /// `expanded` with `2.x.x`).
    public enum Outcome: String, Sendable, Equatable {
        case permanentFailure = "bounced"
        case delayed
        case delivered
    }

    /// `Original-Envelope-Id` (the ENVID given at sending), when the notification carries it.
    public var envelopeId: String?
    /// The returned message's `Message-ID`, with its angle brackets, when the notification returns its headers.
    public var messageId: String?
    public var recipients: [Recipient]

    public init(envelopeId: String?, messageId: String?, recipients: [Recipient]) {
        self.envelopeId = envelopeId
        self.messageId = messageId
        self.recipients = recipients
    }

    /// The recipient the notification is chiefly about: the first that failed for good, else the first delayed, else
    /// the first.
    public var principal: Recipient {
        recipients.first { $0.outcome == .permanentFailure } ?? recipients.first { $0.outcome == .delayed } ?? recipients[0]
    }
}
