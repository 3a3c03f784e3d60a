import Foundation
import Logging
import OtklikCore

/// A log handler in front of another that lets no secret through: every message and metadata value passes
/// ``SecretRedaction`` (URL passwords, `password=` pairs, and the configured secrets themselves) whatever library
/// logged it and at whatever level — PostgreSQL's and SMTP's passwords included at `--log-level debug` or `trace`.
public struct RedactingLogHandler: LogHandler {
    var inner: any LogHandler
    let redaction: SecretRedaction

    public init(_ inner: any LogHandler, redaction: SecretRedaction) {
        self.inner = inner
        self.redaction = redaction
    }

    public var logLevel: Logger.Level {
        get { inner.logLevel }
        set { inner.logLevel = newValue }
    }

    public var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue }
    }

    public func log(event: LogEvent) {
        var event = event
        event.message = "\(redaction.redact(event.message.description))"
        event.metadata = event.metadata.map { $0.mapValues(redact) }
        if let error = event.error {
            // An error's description may carry a connection string: pass it on as redacted text.
            event.error = nil
            event.metadata = (event.metadata ?? [:]).merging(["error": .string(redaction.redact(String(describing: error)))]) { old, _ in old }
        }
        inner.log(event: event)
    }

    func redact(_ value: Logger.MetadataValue) -> Logger.MetadataValue {
        switch value {
        case .string(let text): .string(redaction.redact(text))
        case .stringConvertible(let convertible): .string(redaction.redact(convertible.description))
        case .array(let values): .array(values.map(redact))
        case .dictionary(let values): .dictionary(values.mapValues(redact))
        }
    }
}

extension AppConfiguration {
    /// The secrets of this configuration, as they may appear in a log: the SMS and messenger gateways' tokens and
    /// basic-auth passwords, the database, SMTP and ClickHouse passwords (as given and percent-decoded), the SMTP `AUTH PLAIN` token and the ClickHouse basic authentication made from them.
    public var redaction: SecretRedaction {
        var secrets: [String] = []
        secrets += smsGateway?.secrets ?? []
        secrets += messengerGateway?.secrets ?? []
        if case .clickhouse(let address) = analytics, let password = address.password, !password.isEmpty {
            // As given, and inside the HTTP basic authentication header async-http-client sends.
            secrets.append(password)
            secrets.append(Data("\(address.user ?? ""):\(password)".utf8).base64EncodedString())
        }
        for url in [databaseURL, smtpURL].compactMap({ $0 }) {
            guard let components = URLComponents(string: url), let password = components.password, !password.isEmpty else { continue }
            secrets.append(password)
            if let decoded = password.removingPercentEncoding {
                secrets.append(decoded)
                if let user = components.user?.removingPercentEncoding {
                    secrets.append(Data("\u{0}\(user)\u{0}\(decoded)".utf8).base64EncodedString())
                    secrets.append(Data(decoded.utf8).base64EncodedString())  // AUTH LOGIN
                }
            }
        }
        return SecretRedaction(secrets: secrets)
    }
}
