import Foundation
import Logging
import OtklikCore
import OtklikServer
import OtklikStore
import Testing

/// Issue 15 item 23: no password reaches a log line or a printed configuration, at any level.
@Suite struct SecretRedactionTests {
    /// Collects what reaches the real handler.
    final class Capture: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func add(_ line: String) { lock.withLock { lines.append(line) } }
        var text: String { lock.withLock { lines.joined(separator: "\n") } }
    }

    struct CaptureHandler: LogHandler {
        let capture: Capture
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            capture.add("\(event.message) \(event.metadata ?? [:]) \(event.error.map { "\($0)" } ?? "")")
        }
    }

    @Test func debugLogsNeverCarryTheDatabaseOrSMTPPassword() throws {
        let configuration = try AppConfiguration(
            overrides: ["otklik.db": "postgres://otklik:pg-S3cret%21@db.internal:5432/otklik", "otklik.log.level": "debug"],
            environment: ["OTKLIK_SMTP_URL": "smtp://mailer:smtp-Hunter2@mail.internal:587"])
        let capture = Capture()
        var logger = Logger(label: "t") { _ in RedactingLogHandler(CaptureHandler(capture: capture), redaction: configuration.redaction) }
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
