import Foundation

/// Removes secrets from text bound for a log or a printed configuration: the password of any URL
/// (`postgres://otklik:s3cret@db/otklik` → `postgres://otklik:***@db/otklik`, the same for `smtp://`), values of
/// `password=`/`secret=`/`token=` pairs, and any known secret given (a password from the configuration, its
/// base64 SMTP `AUTH PLAIN` form). Long texts are cut to a bound, so no record becomes a 200 KB log line.
public struct SecretRedaction: Sendable {
    /// Exact secret values to hide wherever they appear.
    public let secrets: [String]
    /// Most characters kept of one text.
    public let limit: Int

    public init(secrets: [String] = [], limit: Int = 4_096) {
        // Longest first, so a secret containing another is hidden whole; very short values would hide ordinary words.
        self.secrets = Array(Set(secrets.filter { $0.count >= 4 })).sorted { $0.count > $1.count }
        self.limit = limit
    }

    /// `text` with every secret replaced by `***` and cut to `limit` characters.
    public func redact(_ text: String) -> String {
        var result = Self.redactURLPasswords(text)
        result = Self.redactPairs(result)
        for secret in secrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: "***")
        }
        if result.count > limit { result = String(result.prefix(limit)) + "… (\(result.count - limit) more characters)" }
        return result
    }

    /// `scheme://user:password@` → `scheme://user:***@`.
    static func redactURLPasswords(_ text: String) -> String {
        guard text.contains("://") else { return text }
        var output = ""
        var rest = text[...]
        while let scheme = rest.range(of: "://") {
            output += rest[..<scheme.upperBound]
            rest = rest[scheme.upperBound...]
            // The authority ends at the first '/', whitespace, quote or the end.
            let authorityEnd = rest.firstIndex { "/ \t\n\"'<>".contains($0) } ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                output += authority[...colon]
                output += "***"
                output += authority[at...]
            } else {
                output += authority
            }
            rest = rest[authorityEnd...]
        }
        return output + rest
    }

    /// `password=x`, `password: x`, `"password":"x"` (also secret, token, passwd, api_key) → the value replaced.
    static func redactPairs(_ text: String) -> String {
        let lowered = text.lowercased()
        guard ["password", "passwd", "secret", "token", "api_key"].contains(where: lowered.contains) else { return text }
        var output = ""
        var rest = text[...]
        while let match = rest.range(of: #"(password|passwd|secret|token|api_key)"?\s*[=:]\s*"?"#, options: [.regularExpression, .caseInsensitive]) {
            output += rest[..<match.upperBound]
            rest = rest[match.upperBound...]
            let end = rest.firstIndex { " \t\n&,;\"'}".contains($0) } ?? rest.endIndex
            if end != rest.startIndex { output += "***" }
            rest = rest[end...]
        }
        return output + rest
    }
}
