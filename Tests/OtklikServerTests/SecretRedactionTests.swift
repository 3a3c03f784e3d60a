import Foundation
import Logging
import OtklikCore
import OtklikServer
import OtklikStore
import Testing

/// Issue 15 item 23: no password reaches a log line or a printed configuration, at any level.
@Suite struct SecretRedactionTests {
    @Test func debugLogsNeverCarryTheDatabaseOrSMTPPassword() throws {
        let configuration = try AppConfiguration(
            overrides: ["otklik.db": "postgres://otklik:pg-S3cret%21@db.internal:5432/otklik", "otklik.log.level": "debug"],
            environment: ["OTKLIK_SMTP_URL": "smtp://mailer:smtp-Hunter2@mail.internal:587"])
        let capture = CapturedLog()
        var logger = Logger(label: "t") { _ in RedactingLogHandler(CapturingLogHandler(lines: capture), redaction: configuration.redaction) }
        logger.logLevel = .trace
        logger.debug("connecting to \(configuration.databaseURL)", metadata: ["smtp": "\(configuration.smtpURL ?? "")"])
        logger.trace("startup message", metadata: ["password": "pg-S3cret!", "args": .array([.string("pass pg-S3cret! here")])])
        logger.debug("AUTH PLAIN \(Data("\u{0}mailer\u{0}smtp-Hunter2".utf8).base64EncodedString())")
        logger.error("failed", metadata: ["error": "\(StoreError.badDatabaseURL(configuration.databaseURL))"])
        let text = capture.text
        for secret in ["pg-S3cret", "smtp-Hunter2", Data("\u{0}mailer\u{0}smtp-Hunter2".utf8).base64EncodedString()] {
            #expect(!text.contains(secret), "\(secret) in \(text)")
        }
        #expect(text.contains("postgres://otklik:***@db.internal:5432/otklik"))
        #expect(text.contains("smtp://mailer:***@mail.internal:587"))
        #expect(!StoreError.badDatabaseURL(configuration.databaseURL).description.contains("pg-S3cret"))
    }

    @Test func longLinesAreBounded() {
        let redaction = SecretRedaction()
        #expect(redaction.redact(String(repeating: "x", count: 300_000)).count < 5_000)
        #expect(redaction.redact("token=abc123&x=1") == "token=***&x=1")
    }
}
