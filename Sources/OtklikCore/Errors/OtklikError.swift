/// The one error type of Otklik: a stable code, a human message, the offending field and an optional cause.
public struct OtklikError: Error, Sendable, CustomStringConvertible {
    /// Stable, machine-readable error codes; the server maps them to HTTP statuses.
    public enum Code: String, Sendable, Codable {
        case invalidInput = "invalid_input"
        case notFound = "not_found"
        case conflict
        case unauthorized
        case forbidden
        case payloadTooLarge = "payload_too_large"
        case tooManyRequests = "too_many_requests"
        case unavailable
        case `internal`
    }

    public var code: Code
    public var message: String
    /// The input field that is wrong, as the client named it (`items[3].nps`, `line 12, column nps`).
    public var field: String?
    public var cause: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, field: String? = nil, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.field = field
        self.cause = cause
    }

    public static func invalid(_ field: String, _ message: String) -> OtklikError {
        OtklikError(.invalidInput, message, field: field)
    }

    /// The same error with its field placed under a prefix, e.g. `nps` becomes `items[2].nps`.
    public func prefixingField(_ prefix: String) -> OtklikError {
        var copy = self
        copy.field = field.map { "\(prefix).\($0)" } ?? prefix
        return copy
    }

    public var description: String {
        var text = "\(code.rawValue): \(message)"
        if let field { text += " (field \(field))" }
        return text
    }
}
