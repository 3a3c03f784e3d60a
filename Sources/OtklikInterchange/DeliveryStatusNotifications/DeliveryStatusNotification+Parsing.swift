import Foundation
import OtklikCore

extension DeliveryStatusNotification {
    static let actions: Set<String> = ["failed", "delayed", "delivered", "relayed", "expanded"]

    /// Reads a raw DSN message (headers, a blank line, the MIME body; CRLF or LF line ends). A message that is not one,
    /// or lacks what identifies the message and the outcome, is refused with the field named: `content_type` (not
    /// `multipart/report; report-type=delivery-status`), `boundary`, `delivery_status` (no `message/delivery-status`
    /// part, or no recipient in it), `final_recipient`, `action`, `status` (absent or not a `d.d.d` code) and
    /// `message_id` (neither `Original-Envelope-Id` nor a returned `Message-ID`).
    public static func parse(_ raw: String) throws(OtklikError) -> DeliveryStatusNotification {
        let lines = raw.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        let (headers, body) = split(lines[...])
        guard let contentType = headers["Content-Type"] else {
            throw .invalid("content_type", "not a delivery status notification: the message has no Content-Type (expected multipart/report; report-type=delivery-status)")
        }
        let (type, parameters) = MailHeaderBlock.typeAndParameters(contentType)
        guard type == "multipart/report", parameters["report-type"]?.lowercased() == "delivery-status" else {
            throw .invalid("content_type", "not a delivery status notification: Content-Type is '\(type)', expected multipart/report; report-type=delivery-status")
        }
        guard let boundary = parameters["boundary"], !boundary.isEmpty else {
            throw .invalid("boundary", "the multipart/report Content-Type has no boundary parameter")
        }
        let parts = self.parts(body, boundary: boundary)
        guard let report = parts.first(where: { partType($0.headers) == "message/delivery-status" }) else {
            throw .invalid("delivery_status", "the report has no message/delivery-status part")
        }
        let blocks = fieldBlocks(report.body)
        guard let perMessage = blocks.first, blocks.count > 1 else {
            throw .invalid("delivery_status", "the message/delivery-status part names no recipient (no per-recipient fields after the per-message ones)")
        }
        var recipients: [Recipient] = []
        for block in blocks.dropFirst() {
            guard let named = block["Final-Recipient"], let address = named.split(separator: ";", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces),
                  !address.isEmpty else {
                throw .invalid("final_recipient", "a recipient's fields have no Final-Recipient (as 'rfc822; address')")
            }
            guard let action = block["Action"]?.lowercased(), actions.contains(action) else {
                throw .invalid("action", "a recipient's Action is missing or not one of \(actions.sorted().joined(separator: ", "))")
            }
            guard let status = block["Status"].flatMap(statusCode) else {
                throw .invalid("status", "a recipient's Status is missing or not a status code such as 5.1.1 (RFC 3463)")
            }
            if action == "failed" && status.hasPrefix("2.") {
                throw .invalid("status", "Action: failed with a success status (\(status))")
            }
            recipients.append(Recipient(finalRecipient: address, action: action, status: status, diagnostic: block["Diagnostic-Code"]))
        }
        let envelopeId = perMessage["Original-Envelope-Id"].flatMap { $0.isEmpty ? nil : $0 }
        let returned = parts.first { ["message/rfc822", "text/rfc822-headers", "message/global-headers"].contains(partType($0.headers)) }
        let messageId = returned.flatMap { split($0.body).headers["Message-ID"] }.flatMap { $0.isEmpty ? nil : $0 }
        guard envelopeId != nil || messageId != nil else {
            throw .invalid("message_id", "the report says which message it is about neither by Original-Envelope-Id nor by the returned headers' Message-ID")
        }
        return DeliveryStatusNotification(envelopeId: envelopeId, messageId: messageId, recipients: recipients)
    }

    /// `5.1.1` from `5.1.1` or `5.1.1 (mailbox unknown)`; nil when it is not a class 2, 4 or 5 code.
    static func statusCode(_ value: String) -> String? {
        guard let code = value.split(separator: " ").first else { return nil }
        let numbers = code.split(separator: ".", omittingEmptySubsequences: false)
        guard numbers.count == 3, ["2", "4", "5"].contains(numbers[0]),
              numbers.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { return nil }
        return String(code)
    }

    /// The header block before the first blank line, and the lines after it.
    static func split(_ lines: ArraySlice<Substring>) -> (headers: MailHeaderBlock, body: ArraySlice<Substring>) {
        guard let blank = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            return (MailHeaderBlock(lines: lines), [])
        }
        return (MailHeaderBlock(lines: lines[..<blank]), lines[(blank + 1)...])
    }

    static func split(_ body: String) -> (headers: MailHeaderBlock, body: ArraySlice<Substring>) {
        split(body.split(separator: "\n", omittingEmptySubsequences: false)[...])
    }

    /// The body parts between `--boundary` lines, up to `--boundary--`.
    static func parts(_ body: ArraySlice<Substring>, boundary: String) -> [(headers: MailHeaderBlock, body: String)] {
        var parts: [(headers: MailHeaderBlock, body: String)] = []
        var current: [Substring]?
        for line in body {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == "--" + boundary || trimmed == "--" + boundary + "--" {
                if let current {
                    let (headers, rest) = split(current[...])
                    parts.append((headers, rest.joined(separator: "\n")))
                }
                if trimmed.hasSuffix(boundary + "--") { return parts }
                current = []
            } else {
                current?.append(line)
            }
        }
        if let current {
            let (headers, rest) = split(current[...])
            parts.append((headers, rest.joined(separator: "\n")))
        }
        return parts
    }

    /// A part's media type, lower-cased; `text/plain` when it has none (RFC 2045).
    static func partType(_ headers: MailHeaderBlock) -> String {
        headers["Content-Type"].map { MailHeaderBlock.typeAndParameters($0).type } ?? "text/plain"
    }

    /// The field blocks of a `message/delivery-status` body, separated by blank lines.
    static func fieldBlocks(_ body: String) -> [MailHeaderBlock] {
        var blocks: [MailHeaderBlock] = []
        var current: [Substring] = []
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                if !current.isEmpty { blocks.append(MailHeaderBlock(lines: current)) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { blocks.append(MailHeaderBlock(lines: current)) }
        return blocks
    }
}
