import Foundation
import Logging
import OtklikApplication
@testable import OtklikServer
import Testing

/// The SMTP sender against a real SMTP server (aiosmtpd, started by `Tests/delivery/servers.py` with a test CA):
/// STARTTLS with AUTH and implicit TLS deliver the message; a server without STARTTLS is refused when it is required;
/// a certificate the sender does not trust fails without the CA file, and one for another host name fails with it; credentials are never sent in clear; a 5xx reply
/// is permanent, a refused connection temporary; and the password never reaches a log.
@Suite(.serialized) struct SMTPTLSTests {
    static func message(to recipient: String, subject: String = "Проверка TLS") -> MailMessage {
        MailMessage(id: "ntf-\(UUID().uuidString.prefix(8))", from: "otklik@bank.example", to: recipient, subject: subject, body: "Строка один\n.с точкой")
    }

    static func sender(_ url: String, logger: Logger = Logger(label: "t")) throws -> SMTPMailSender {
        try SMTPMailSender(endpoint: try SMTPEndpoint(url: url), logger: logger)
    }

    @Test func starttlsWithAuthDelivers() async throws {
        guard let servers = try DeliveryServers.required() else { return }
        let recipient = "starttls-\(UUID().uuidString.prefix(6))@example.ru"
        let password = servers.password.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let sender = try Self.sender(
            "smtp://\(servers.user):\(password)@localhost:\(servers.starttlsPort)?starttls=required&ca_file=\(servers.caFile)")
        try await sender.send(Self.message(to: recipient))
        let mail = try await servers.mail(to: recipient)
        #expect(mail.count == 1)
        #expect(mail.first?.server == "starttls" && mail.first?.subject == "Проверка TLS" && mail.first?.from == "otklik@bank.example")
        #expect(mail.first?.body.replacingOccurrences(of: "\r\n", with: "\n").contains("Строка один\n.с точкой") == true)
    }

    @Test func implicitTLSDelivers() async throws {
        guard let servers = try DeliveryServers.required() else { return }
        let recipient = "implicit-\(UUID().uuidString.prefix(6))@example.ru"
        // The CA file from OTKLIK_SMTP_CA_FILE's place (the endpoint's parameter), the address an IP literal.
        let sender = try SMTPMailSender(
            endpoint: try SMTPEndpoint(url: "smtps://127.0.0.1:\(servers.implicitPort)", caFile: servers.caFile), logger: Logger(label: "t"))
        try await sender.send(Self.message(to: recipient, subject: "Implicit TLS"))
        let mail = try await servers.mail(to: recipient)
        #expect(mail.count == 1 && mail.first?.server == "implicit" && mail.first?.subject == "Implicit TLS")
    }

    @Test func aServerWithoutStarttlsIsRefusedWhenRequired() async throws {
        guard let servers = try DeliveryServers.required() else { return }
        let recipient = "plain-\(UUID().uuidString.prefix(6))@example.ru"
        let sender = try Self.sender("smtp://127.0.0.1:\(servers.plainPort)?starttls=required")
        let failure = await #expect(throws: DeliveryFailure.self) { try await sender.send(Self.message(to: recipient)) }
        #expect(failure?.reason.contains("does not offer STARTTLS") == true)
        #expect(try await servers.mail(to: recipient).isEmpty, "nothing was sent in clear")
        // Opportunistic (the default) sends in clear to such a server, but never the credentials.
        try await Self.sender("smtp://127.0.0.1:\(servers.plainPort)").send(Self.message(to: recipient))
        #expect(try await servers.mail(to: recipient).count == 1)
        let withPassword = try Self.sender("smtp://u:secret@127.0.0.1:\(servers.plainPort)")
        let refused = await #expect(throws: DeliveryFailure.self) { try await withPassword.send(Self.message(to: recipient)) }
        #expect(refused?.reason.contains("without TLS") == true)
    }

    @Test func anUntrustedCertificateFailsWithoutTheCAFile() async throws {
        guard let servers = try DeliveryServers.required() else { return }
        let recipient = "untrusted-\(UUID().uuidString.prefix(6))@example.ru"
        for url in ["smtps://localhost:\(servers.implicitPort)", "smtp://localhost:\(servers.starttlsPort)?starttls=required"] {
            let failure = await #expect(throws: DeliveryFailure.self) { try await Self.sender(url).send(Self.message(to: recipient)) }
            #expect(failure?.kind == .temporary && failure?.reason.contains("TLS handshake") == true, "\(failure?.reason ?? "")")
        }
        // A certificate from the trusted CA, but for another host name: refused too.
        let wrongName = try SMTPMailSender(
            endpoint: try SMTPEndpoint(url: "smtps://127.0.0.1:\(servers.wrongNamePort)", caFile: servers.caFile), logger: Logger(label: "t"))
        let mismatch = await #expect(throws: DeliveryFailure.self) { try await wrongName.send(Self.message(to: recipient)) }
        #expect(mismatch?.reason.contains("TLS handshake") == true, "\(mismatch?.reason ?? "")")
        #expect(try await servers.mail(to: recipient).isEmpty)
    }

    @Test func repliesAndConnectionErrorsAreClassified() async throws {
        guard let servers = try DeliveryServers.required() else { return }
        let wrong = try Self.sender("smtp://\(servers.user):wrong@localhost:\(servers.starttlsPort)?starttls=required&ca_file=\(servers.caFile)")
        let rejected = await #expect(throws: DeliveryFailure.self) { try await wrong.send(Self.message(to: "x@example.ru")) }
        #expect(rejected?.kind == .permanent && rejected?.reason.contains("AUTH") == true && rejected?.reason.contains("535") == true)
        let closed = try Self.sender("smtp://127.0.0.1:1")
        let refused = await #expect(throws: DeliveryFailure.self) { try await closed.send(Self.message(to: "x@example.ru")) }
        #expect(refused?.kind == .temporary && refused?.reason.contains("cannot connect") == true)
    }

    @Test func thePasswordNeverReachesALog() async throws {
        guard let servers = try DeliveryServers.required() else { return }
        let lines = CapturedLog()
        var logger = Logger(label: "smtp") { _ in CapturingLogHandler(lines: lines) }
        logger.logLevel = .trace
        let encoded = servers.password.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        for password in [encoded, "wrong-Pa55word"] {
            let sender = try Self.sender(
                "smtp://\(servers.user):\(password)@localhost:\(servers.starttlsPort)?starttls=required&ca_file=\(servers.caFile)", logger: logger)
            do {
                try await sender.send(Self.message(to: "log-\(UUID().uuidString.prefix(6))@example.ru"))
            } catch {
                logger.warning("e-mail failed", metadata: ["error": "\(error)"])
            }
            logger.info("sender", metadata: ["endpoint": "\(sender.endpoint)"])
        }
        let text = lines.text
        #expect(text.contains("535"), "the failure was logged")
        for secret in [servers.password, encoded, "wrong-Pa55word", Data("\u{0}\(servers.user)\u{0}\(servers.password)".utf8).base64EncodedString()] {
            #expect(!text.contains(secret))
        }
    }
}
