import Foundation
import OtklikCore
import OtklikInterchange
import Testing

/// Delivery status notifications (RFC 3464) as Postfix, Exim and Exchange send them (Tests/fixtures/dsn): which message
/// they are about, the recipient, the action and the status, the outcome (a bounce, a delay); a message that is not one,
/// or lacks a required field, is refused with the field named.
@Suite struct DeliveryStatusNotificationTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/dsn")

    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func aPostfixBounceIsAPermanentFailureOfTheReturnedMessage() throws {
        let text = try Self.fixture("postfix-user-unknown.eml")
        #expect(text.contains("\r\n"), "the fixture keeps the CRLF line ends mail has")
        let dsn = try DeliveryStatusNotification.parse(text)
        #expect(dsn.envelopeId == nil)
        #expect(dsn.messageId == "<dsn-fixture-1@otklik>", "the returned message's id, not the report's own Message-Id")
        #expect(dsn.recipients.count == 1)
        #expect(dsn.principal.finalRecipient == "nobody@example.org")
        #expect(dsn.principal.action == "failed" && dsn.principal.status == "5.1.1")
        #expect(dsn.principal.diagnostic == "smtp; 550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown", "unfolded")
        #expect(dsn.principal.outcome == .permanentFailure)
    }

    @Test func anEximDelayIsADelayFoundByTheReturnedHeaders() throws {
        let dsn = try DeliveryStatusNotification.parse(try Self.fixture("exim-delayed.eml"))
        #expect(dsn.messageId == "<dsn-fixture-2@otklik>")
        #expect(dsn.principal.finalRecipient == "slow@example.net" && dsn.principal.status == "4.0.0")
        #expect(dsn.principal.outcome == .delayed)
    }

    @Test func theEnvelopeIdIdentifiesTheMessageWithoutReturnedHeaders() throws {
        let dsn = try DeliveryStatusNotification.parse(try Self.fixture("envelope-id-mailbox-disabled.eml"))
        #expect(dsn.envelopeId == "dsn-fixture-3" && dsn.messageId == nil)
        #expect(dsn.principal.status == "5.2.1" && dsn.principal.outcome == .permanentFailure)
    }

    @Test func aMissingOrWrongFieldIsNamed() throws {
        func field(_ text: String) -> String? {
            do {
                _ = try DeliveryStatusNotification.parse(text)
                return nil
            } catch {
                return error.field
            }
        }
        #expect(field(try Self.fixture("malformed-no-status.eml")) == "status")
        #expect(field(try Self.fixture("not-a-report.eml")) == "content_type")
        let good = try Self.fixture("envelope-id-mailbox-disabled.eml")
        #expect(field(good.replacingOccurrences(of: "Status: 5.2.1", with: "Status: 5.2")) == "status")
        #expect(field(good.replacingOccurrences(of: "Status: 5.2.1", with: "Status: 2.0.0")) == "status", "failed with a success code")
        #expect(field(good.replacingOccurrences(of: "Action: failed", with: "Action: lost")) == "action")
        #expect(field(good.replacingOccurrences(of: "Final-Recipient: rfc822;gone@example.com\n", with: "")) == "final_recipient")
        #expect(field(good.replacingOccurrences(of: "Original-Envelope-Id: dsn-fixture-3\n", with: "")) == "message_id")
        #expect(field(good.replacingOccurrences(of: "boundary=\"b1\"; ", with: "")) == "boundary")
        #expect(field(good.replacingOccurrences(of: "message/delivery-status", with: "text/plain")) == "delivery_status")
        #expect(field(good.replacingOccurrences(of: "report-type=\"delivery-status\"", with: "report-type=disposition-notification")) == "content_type")
    }

    /// The status code's class decides: 5.x.x with `failed` is for good, 4.x.x a delay whatever the action says.
    @Test func theOutcomeFollowsTheActionAndTheStatusClass() {
        func outcome(_ action: String, _ status: String) -> DeliveryStatusNotification.Outcome {
            DeliveryStatusNotification.Recipient(finalRecipient: "a@b.c", action: action, status: status, diagnostic: nil).outcome
        }
        #expect(outcome("failed", "5.7.1") == .permanentFailure)
        #expect(outcome("failed", "4.4.7") == .delayed)
        #expect(outcome("delayed", "4.4.1") == .delayed)
        #expect(outcome("delivered", "2.0.0") == .delivered)
        #expect(outcome("relayed", "2.0.0") == .delivered)
    }
}
