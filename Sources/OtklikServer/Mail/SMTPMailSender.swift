import Foundation
import Logging
import NIOCore
import NIOPosix

/// Sends e-mail to an SMTP server over plain TCP with SwiftNIO: EHLO, optional AUTH PLAIN, MAIL FROM, RCPT TO,
/// DATA (dot-stuffed, UTF-8, with the notification id as Message-ID), QUIT. Made for a relay inside the
/// organisation's network (port 25 or 587 without TLS); STARTTLS and implicit TLS are not supported, so put a
/// relay such as Postfix in front of an external mail service.
public struct SMTPMailSender: MailSender {
    let host: String
    let port: Int
    let username: String?
    let password: String?
    let heloName: String
    let logger: Logger

    /// From `smtp://[user:password@]host[:port]`; nil when the address cannot be used.
    public init?(url: String, logger: Logger) {
        guard let components = URLComponents(string: url), components.scheme == "smtp", let host = components.host, !host.isEmpty else { return nil }
        self.host = host
        port = components.port ?? 25
        username = components.user?.removingPercentEncoding
        password = components.password?.removingPercentEncoding
        heloName = "otklik.localhost"
        self.logger = logger
    }

    /// A failed exchange: the server's reply or what went wrong.
    struct SMTPError: Error, CustomStringConvertible {
        var description: String
    }

    public func send(_ message: MailMessage) async throws {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await channel.executeThenClose { inbound, outbound in
                    var reader = ReplyReader(iterator: inbound.makeAsyncIterator())
                    func command(_ line: String?, expect codes: Set<Int>) async throws {
                        if let line { try await outbound.write(ByteBuffer(string: line + "\r\n")) }
                        let (code, text) = try await reader.reply()
                        guard codes.contains(code) else { throw SMTPError(description: "\(line.map { String($0.prefix(20)) } ?? "greeting") → \(code) \(text)") }
                    }
                    try await command(nil, expect: [220])
                    try await command("EHLO \(heloName)", expect: [250])
                    if let username, let password {
                        let token = Data("\u{0}\(username)\u{0}\(password)".utf8).base64EncodedString()
                        try await command("AUTH PLAIN \(token)", expect: [235])
                    }
                    try await command("MAIL FROM:<\(Self.address(message.from))>", expect: [250])
                    try await command("RCPT TO:<\(Self.address(message.to))>", expect: [250, 251])
                    try await command("DATA", expect: [354])
                    try await command(Self.data(message) + "\r\n.", expect: [250])
                    try? await command("QUIT", expect: [221])
                }
            }
            group.addTask {
                try await Task.sleep(for: .seconds(30))
                channel.channel.close(promise: nil)
                throw SMTPError(description: "no answer from \(host):\(port) within 30 s")
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// An address without line breaks or angle brackets (no header or command injection).
    static func address(_ text: String) -> String {
        String(text.filter { !$0.isNewline && $0 != "<" && $0 != ">" && $0 != "\r" })
    }

    /// Headers and body, lines ending in CRLF, leading dots doubled; the subject as an RFC 2047 encoded word.
    static func data(_ message: MailMessage) -> String {
        let subject = "=?UTF-8?B?" + Data(message.subject.utf8).base64EncodedString() + "?="
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let headers = [
            "From: <\(address(message.from))>", "To: <\(address(message.to))>", "Subject: \(subject)",
            "Date: \(formatter.string(from: Date()))", "Message-ID: <\(address(message.id))@otklik>", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit",
        ]
        let body = message.body.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(".") ? "." + $0 : String($0) }
        return (headers + [""] + body).joined(separator: "\r\n")
    }

    /// Reads SMTP replies (possibly multi-line: `250-…` then `250 …`) from the inbound stream.
    struct ReplyReader {
        var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        var pending = ""

        mutating func line() async throws -> String {
            while true {
                if let range = pending.range(of: "\r\n") ?? pending.range(of: "\n") {
                    let line = String(pending[..<range.lowerBound])
                    pending.removeSubrange(..<range.upperBound)
                    return line
                }
                guard let chunk = try await iterator.next() else { throw SMTPError(description: "the server closed the connection") }
                pending += String(buffer: chunk)
            }
        }

        mutating func reply() async throws -> (Int, String) {
            while true {
                let text = try await line()
                guard text.count >= 3, let code = Int(text.prefix(3)) else { throw SMTPError(description: "not an SMTP reply: \(text.prefix(80))") }
                if text.count == 3 || text[text.index(text.startIndex, offsetBy: 3)] != "-" { return (code, String(text.dropFirst(4))) }
            }
        }
    }
}
