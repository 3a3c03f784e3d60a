import Foundation

/// A block of mail header fields (RFC 5322 §2.2; the same syntax as a DSN's per-message and per-recipient fields,
/// RFC 3464 §2.1): `Name: value` lines, a line starting with a space or a tab continuing the one before (unfolded with
/// one space). Names compare without regard to case; the first field of a name wins.
public struct MailHeaderBlock: Sendable, Equatable {
    public var fields: [(name: String, value: String)]

    public init(lines: some Sequence<Substring>) {
        var fields: [(name: String, value: String)] = []
        for line in lines {
            if let first = line.first, first == " " || first == "\t" {
                guard !fields.isEmpty else { continue }
                fields[fields.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, !name.contains(" ") else { continue }
            fields.append((name, line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        self.fields = fields
    }

    public subscript(name: String) -> String? {
        fields.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// A structured value's type and parameters (`multipart/report; report-type=delivery-status; boundary="b"` →
    /// `multipart/report`, `["report-type": "delivery-status", "boundary": "b"]`), type and parameter names lower-cased,
    /// quotes taken off the values.
    public static func typeAndParameters(_ value: String) -> (type: String, parameters: [String: String]) {
        var parts: [String] = []
        var current = ""
        var quoted = false
        for character in value {
            if character == "\"" { quoted.toggle() }
            if character == ";" && !quoted {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        let type = parts[0].trimmingCharacters(in: .whitespaces).lowercased()
        var parameters: [String: String] = [:]
        for part in parts.dropFirst() {
            guard let equals = part.firstIndex(of: "=") else { continue }
            let name = part[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var raw = part[part.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if raw.count >= 2, raw.hasPrefix("\""), raw.hasSuffix("\"") { raw = String(raw.dropFirst().dropLast()) }
            if parameters[name] == nil { parameters[name] = raw }
        }
        return (type, parameters)
    }

    public static func == (lhs: MailHeaderBlock, rhs: MailHeaderBlock) -> Bool {
        lhs.fields.map(\.name) == rhs.fields.map(\.name) && lhs.fields.map(\.value) == rhs.fields.map(\.value)
    }
}
