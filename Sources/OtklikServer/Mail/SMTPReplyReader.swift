import NIOCore

/// Reads SMTP replies (possibly multi-line: `250-…` then `250 …`) from a connection's inbound stream.
struct SMTPReplyReader {
    var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    var pending = ""

    /// A reply: its code and every line's text (an EHLO reply lists the server's extensions, one a line).
    struct Reply {
        var code: Int
        var lines: [String]
        var text: String { lines.last ?? "" }
    }

    mutating func line() async throws -> String {
        while true {
            if let range = pending.range(of: "\r\n") ?? pending.range(of: "\n") {
                let line = String(pending[..<range.lowerBound])
                pending.removeSubrange(..<range.upperBound)
                return line
            }
            guard let chunk = try await iterator.next() else { throw SMTPMailSender.SMTPError(description: "the server closed the connection") }
            pending += String(buffer: chunk)
        }
    }

    mutating func reply() async throws -> Reply {
        var lines: [String] = []
        while true {
            let text = try await line()
            guard text.count >= 3, let code = Int(text.prefix(3)) else {
                throw SMTPMailSender.SMTPError(description: "not an SMTP reply: \(text.prefix(80))")
            }
            lines.append(String(text.dropFirst(4)))
            if text.count == 3 || text[text.index(text.startIndex, offsetBy: 3)] != "-" { return Reply(code: code, lines: lines) }
        }
    }
}
