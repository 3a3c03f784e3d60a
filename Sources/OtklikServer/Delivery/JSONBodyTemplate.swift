import Foundation

/// The JSON body an HTTP gateway expects, with placeholders: `{{to}}` (the phone number), `{{text}}` (the message) and
/// `{{id}}` (Otklik's message id, stable across retries). Each value is inserted JSON-escaped, so a placeholder
/// belongs inside a string: `{"phone": "{{to}}", "message": "{{text}}", "client_id": "{{id}}"}`.
public struct JSONBodyTemplate: Sendable, Equatable {
    public static let standard = #"{"to": "{{to}}", "text": "{{text}}", "id": "{{id}}"}"#
    public let text: String

    /// Refuses a template that does not render to valid JSON; the error names `key` (the gateway's body key).
    public init(_ text: String, key: String = "otklik.sms.gateway.body") throws {
        self.text = text
        let sample = render(to: "+79000000000", text: "«проверка» \"quotes\" \\ \n", id: "msg-1")
        guard (try? JSONSerialization.jsonObject(with: Data(sample.utf8))) != nil else {
            throw ConfigurationError(key: key, message: "must be JSON with {{to}}, {{text}} and {{id}} inside strings")
        }
    }

    public func render(to: String, text message: String, id: String) -> String {
        text.replacingOccurrences(of: "{{to}}", with: Self.escape(to))
            .replacingOccurrences(of: "{{text}}", with: Self.escape(message))
            .replacingOccurrences(of: "{{id}}", with: Self.escape(id))
    }

    /// The inside of a JSON string: quotes, backslashes and control characters escaped.
    static func escape(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20 || c.value == 0x2028 || c.value == 0x2029: out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
