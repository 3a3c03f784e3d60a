import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import OtklikApplication

/// Sends e-mail to an SMTP server with SwiftNIO: implicit TLS (`smtps://`) or STARTTLS (required or opportunistic,
/// see ``SMTPEndpoint``), EHLO, AUTH PLAIN or LOGIN (over TLS only, unless `allow_insecure_auth=true`), MAIL FROM,
/// RCPT TO, DATA (dot-stuffed, UTF-8, with the message id as Message-ID), QUIT. The server's certificate is verified
/// against the system's CAs and the configured CA file, host name included.
///
/// A failure is thrown as a ``DeliveryFailure``: a 5xx reply is permanent; a 4xx reply, a refused connection, a
/// failed TLS handshake, a server without the STARTTLS that is required, or no answer within 30 s is temporary. The
/// reasons name the command (never its arguments), so neither the password nor the AUTH token reaches a log.
public struct SMTPMailSender: MailSender {
    let endpoint: SMTPEndpoint
    let tls: NIOSSLContext?
    let heloName: String
    let logger: Logger

    /// From an `smtp://` or `smtps://` address; nil when the address cannot be used (see ``init(endpoint:logger:)``
    /// for the reason).
    public init?(url: String, caFile: String? = nil, logger: Logger) {
        guard let endpoint = try? SMTPEndpoint(url: url, caFile: caFile), let sender = try? SMTPMailSender(endpoint: endpoint, logger: logger) else {
            return nil
        }
        self = sender
    }

    /// Throws when the CA file is not a PEM certificate.
    public init(endpoint: SMTPEndpoint, logger: Logger) throws {
        self.endpoint = endpoint
        self.logger = logger
        heloName = "otklik.localhost"
        if endpoint.usesTLS {
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = .fullVerification
            configuration.minimumTLSVersion = .tlsv12
            if let file = endpoint.caFile { configuration.additionalTrustRoots = [.file(file)] }
            do {
                tls = try NIOSSLContext(configuration: configuration)
            } catch {
                throw SMTPEndpoint.Invalid(description: "the CA file '\(endpoint.caFile ?? "")' is not a PEM certificate: \(error)")
            }
        } else {
            tls = nil
        }
    }

    /// A failed exchange: the server's reply or what went wrong (kept for callers that throw it; the sender throws
    /// ``DeliveryFailure``).
    public struct SMTPError: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    public func send(_ message: MailMessage) async throws {
        let host = endpoint.host, port = endpoint.port
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            let tls = endpoint.security == .implicitTLS ? tls : nil
            let serverName = Self.serverName(host)
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(10))
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: serverName)) }
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw DeliveryFailure.temporary("cannot connect to the SMTP server \(host):\(port): \(Self.describe(error))")
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await channel.executeThenClose { inbound, outbound in
                        var conversation = Conversation(
                            reader: SMTPReplyReader(iterator: inbound.makeAsyncIterator()), outbound: outbound,
                            secure: endpoint.security == .implicitTLS)
                        try await converse(&conversation, channel: channel, message: message)
                    }
                } catch let failure as DeliveryFailure {
                    throw failure
                } catch let error as NIOSSLError {
                    throw DeliveryFailure.temporary("TLS handshake with the SMTP server \(host):\(port) failed: \(error)")
                } catch let error as NIOSSLExtraError {
                    throw DeliveryFailure.temporary("TLS handshake with the SMTP server \(host):\(port) failed: \(error)")
                } catch let error as BoringSSLError {
                    throw DeliveryFailure.temporary("TLS handshake with the SMTP server \(host):\(port) failed: \(error)")
                } catch {
                    throw DeliveryFailure.temporary("SMTP exchange with \(host):\(port) failed: \(Self.describe(error))")
                }
            }
            group.addTask {
                try await Task.sleep(for: .seconds(30))
                channel.channel.close(promise: nil)
                throw DeliveryFailure.temporary("no answer from the SMTP server \(host):\(port) within 30 s")
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// The state of one exchange: the reader, the writer and whether TLS is on.
    struct Conversation {
        var reader: SMTPReplyReader
        let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
        var secure: Bool

        /// Sends `line` (nil: only reads the greeting) and reads the reply; a code outside `codes` is a failure named
        /// after `name` (the command's verb, never its arguments).
        mutating func command(_ line: String?, name: String, expect codes: Set<Int>) async throws -> SMTPReplyReader.Reply {
            if let line { try await outbound.write(ByteBuffer(string: line + "\r\n")) }
            let reply = try await reader.reply()
            guard codes.contains(reply.code) else {
                let text = "the SMTP server answered \(name) with \(reply.code) \(reply.text.prefix(200))"
                throw reply.code >= 500 ? DeliveryFailure.permanent(text) : DeliveryFailure.temporary(text)
            }
            return reply
        }
    }

    func converse(_ c: inout Conversation, channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>, message: MailMessage) async throws {
        if c.secure {
            _ = try await handshaking { try await c.command(nil, name: "the connection", expect: [220]) }
        } else {
            _ = try await c.command(nil, name: "the connection", expect: [220])
        }
        var extensions = Self.extensions(try await c.command("EHLO \(heloName)", name: "EHLO", expect: [250]))
        if !c.secure, endpoint.security == .starttlsRequired || endpoint.security == .starttlsOpportunistic {
            if extensions.contains("STARTTLS") {
                _ = try await c.command("STARTTLS", name: "STARTTLS", expect: [220])
                guard let tls else { throw DeliveryFailure.temporary("no TLS context") }
                let serverName = Self.serverName(endpoint.host)
                try await channel.channel.eventLoop.submit {
                    try channel.channel.pipeline.syncOperations.addHandler(
                        NIOSSLClientHandler(context: tls, serverHostname: serverName), position: .first)
                }.get()
                c.secure = true
                extensions = Self.extensions(try await handshaking { try await c.command("EHLO \(heloName)", name: "EHLO after STARTTLS", expect: [250]) })
            } else if endpoint.security == .starttlsRequired {
                throw DeliveryFailure.temporary(
                    "the SMTP server \(endpoint.host):\(endpoint.port) does not offer STARTTLS, which the configuration requires (starttls=required)")
            }
        }
        if let username = endpoint.username, let password = endpoint.password {
            guard c.secure || endpoint.allowInsecureAuth else {
                throw DeliveryFailure.temporary(
                    "refusing to send the SMTP credentials to \(endpoint.host):\(endpoint.port) without TLS (set allow_insecure_auth=true to allow it)")
            }
            let mechanisms = Set(extensions.filter { $0.hasPrefix("AUTH ") }.flatMap { $0.split(separator: " ").dropFirst().map(String.init) })
            if mechanisms.contains("LOGIN") && !mechanisms.contains("PLAIN") {
                _ = try await c.command("AUTH LOGIN", name: "AUTH LOGIN", expect: [334])
                _ = try await c.command(Data(username.utf8).base64EncodedString(), name: "AUTH LOGIN (user)", expect: [334])
                _ = try await c.command(Data(password.utf8).base64EncodedString(), name: "AUTH LOGIN (password)", expect: [235])
            } else {
                let token = Data("\u{0}\(username)\u{0}\(password)".utf8).base64EncodedString()
                _ = try await c.command("AUTH PLAIN \(token)", name: "AUTH PLAIN", expect: [235])
            }
        }
        _ = try await c.command("MAIL FROM:<\(Self.address(message.from))>", name: "MAIL FROM", expect: [250])
        _ = try await c.command("RCPT TO:<\(Self.address(message.to))>", name: "RCPT TO", expect: [250, 251])
        _ = try await c.command("DATA", name: "DATA", expect: [354])
        _ = try await c.command(Self.data(message) + "\r\n.", name: "the message", expect: [250])
        _ = try? await c.command("QUIT", name: "QUIT", expect: [221])
    }

    /// Runs the first exchange over a TLS session just set up: any failure that is not an SMTP reply (the handshake's own
    /// error, or the connection closing because the handshake failed — which of the two arrives first is a race) is the
    /// TLS handshake's failure.
    func handshaking<T>(_ exchange: () async throws -> T) async throws -> T {
        do {
            return try await exchange()
        } catch let failure as DeliveryFailure {
            throw failure
        } catch {
            throw DeliveryFailure.temporary("TLS handshake with the SMTP server \(endpoint.host):\(endpoint.port) failed: \(Self.describe(error))")
        }
    }

    /// The extensions an EHLO reply lists (its first line is the server's greeting), upper-cased.
    static func extensions(_ reply: SMTPReplyReader.Reply) -> [String] {
        reply.lines.dropFirst().map { $0.uppercased().trimmingCharacters(in: .whitespaces) }
    }

    /// The name sent in SNI: the host, unless it is an IP address (then the certificate is checked against the address).
    static func serverName(_ host: String) -> String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }

    /// A connection error in a few words ("connection refused"…).
    static func describe(_ error: any Error) -> String {
        if let io = error as? IOError { return io.description }
        return "\(error)"
    }

    /// An address without line breaks or angle brackets (no header or command injection).
    static func address(_ text: String) -> String {
        String(text.filter { !$0.isNewline && $0 != "<" && $0 != ">" && $0 != "\r" })
    }

    /// Headers and body, lines ending in CRLF, leading dots doubled; the subject as RFC 2047 encoded words on folded lines. A plain
    /// message is one `text/plain` part in 8 bit; one with HTML or attachments is MIME multipart (``MIMEBody``).
    static func data(_ message: MailMessage) -> String {
        let subject = MIMEBody.encodedWords(message.subject)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        var headers = [
            "From: <\(address(message.from))>", "To: <\(address(message.to))>", "Subject: \(subject)",
            "Date: \(formatter.string(from: Date()))", "Message-ID: <\(address(message.id))@otklik>", "MIME-Version: 1.0",
        ]
        let body: [String]
        if message.html == nil && message.attachments.isEmpty {
            headers += ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit"]
            body = message.body.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        } else {
            let mime = MIMEBody.lines(message, boundary: "otklik-" + UUID().uuidString)
            headers += mime.headers
            body = mime.body
        }
        return (headers + [""] + body.map { $0.hasPrefix(".") ? "." + $0 : $0 }).joined(separator: "\r\n")
    }
}
