import Foundation

/// The MIME structure of an e-mail with an HTML alternative or attachments (RFC 2045-2047): `multipart/mixed` of the
/// body and the files, the body a `multipart/alternative` of `text/plain` and `text/html` (or the plain text alone).
/// Every part is base64 in lines of at most 76 characters (RFC 2045), so no line of the message comes near SMTP's 998
/// limit whatever the HTML holds; headers are folded before each parameter (the longest line left is the XLSX media
/// type, 80 characters with its header name); a file name outside printable ASCII is written as RFC 2047 encoded words.
enum MIMEBody {
    /// The headers that describe the body (`Content-Type` …) and the body's lines, for a message that has an HTML
    /// alternative or attachments. `boundary` is a seed the part boundaries are made from (they never occur in base64).
    static func lines(_ message: MailMessage, boundary: String) -> (headers: [String], body: [String]) {
        let alternative = message.html.map { html in
            multipart("alternative", boundary: "alt-" + boundary, parts: [
                text(message.body, subtype: "plain"), text(html, subtype: "html"),
            ])
        }
        let body = alternative ?? text(message.body, subtype: "plain")
        if message.attachments.isEmpty { return body }
        return multipart("mixed", boundary: "mix-" + boundary, parts: [body] + message.attachments.map(attachment))
    }

    static func text(_ text: String, subtype: String) -> (headers: [String], body: [String]) {
        (["Content-Type: text/\(subtype); charset=utf-8", "Content-Transfer-Encoding: base64"], base64(Data(text.utf8)))
    }

    static func attachment(_ file: MailAttachment) -> (headers: [String], body: [String]) {
        let name = parameterValue(file.fileName)
        return (
            [
                "Content-Type: \(sanitized(file.contentType));\r\n name=\(name)", "Content-Transfer-Encoding: base64",
                "Content-Disposition: attachment;\r\n filename=\(name)",
            ],
            base64(file.data)
        )
    }

    static func multipart(_ subtype: String, boundary: String, parts: [(headers: [String], body: [String])]) -> (headers: [String], body: [String]) {
        var body: [String] = []
        for part in parts {
            body.append("--" + boundary)
            body += part.headers
            body.append("")
            body += part.body
        }
        body.append("--" + boundary + "--")
        return (["Content-Type: multipart/\(subtype);\r\n boundary=\"\(boundary)\""], body)
    }

    /// Base64 in lines of 76 characters.
    static func base64(_ data: Data) -> [String] {
        let text = data.base64EncodedString()
        var lines: [String] = []
        var index = text.startIndex
        while index < text.endIndex {
            let end = text.index(index, offsetBy: 76, limitedBy: text.endIndex) ?? text.endIndex
            lines.append(String(text[index..<end]))
            index = end
        }
        return lines
    }

    /// A file name as a quoted parameter value: as it is when it is printable ASCII without quotes or backslashes, else
    /// RFC 2047 encoded words (`=?UTF-8?B?…?=`), each of at most 30 bytes of UTF-8 and on a folded line of its own.
    static func parameterValue(_ name: String) -> String {
        let clean = sanitized(name)
        if clean.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F && $0 != "\"" && $0 != "\\" }) { return "\"\(clean)\"" }
        var words: [String] = [], chunk = ""
        for character in clean {
            if chunk.utf8.count + String(character).utf8.count > 30 {
                words.append(encodedWord(chunk))
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(encodedWord(chunk)) }
        return "\"" + words.joined(separator: "\r\n ") + "\""
    }

    /// A header's text as RFC 2047 encoded words of at most 42 bytes of UTF-8 each (56 base64 characters), one per folded line, so that no
    /// line of the header passes 78 characters.
    static func encodedWords(_ text: String) -> String {
        var words: [String] = [], chunk = ""
        for character in sanitized(text) {
            if chunk.utf8.count + String(character).utf8.count > 42 {
                words.append(encodedWord(chunk))
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty || words.isEmpty { words.append(encodedWord(chunk)) }
        return words.joined(separator: "\r\n ")
    }

    static func encodedWord(_ text: String) -> String { "=?UTF-8?B?" + Data(text.utf8).base64EncodedString() + "?=" }

    /// Without line breaks (no header injection).
    static func sanitized(_ text: String) -> String { String(text.filter { !$0.isNewline }) }
}
