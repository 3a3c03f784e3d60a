import Crypto
import Foundation

/// The anti-forgery token of a dashboard session: derived from the session's secret token, so it needs no storage,
/// survives restarts with the session, and cannot be computed by a page that cannot read the `HttpOnly` cookie.
/// Every `<form method="post">` rendered for a signed-in user carries it as the hidden field `csrf`.
public enum CSRFToken {
    /// The form field (and, for scripts, the `X-CSRF-Token` header) that carries the token.
    public static let field = "csrf"
    public static let header = "X-CSRF-Token"

    /// The token of the session whose cookie value is `session`.
    public static func token(forSession session: String) -> String {
        let digest = SHA256.hash(data: Data("otklik-csrf\u{0}\(session)".utf8))
        return Data(digest).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// `html` with a hidden token field right after the opening tag of every POST form (nothing without a session).
    static func insert(into html: String, session: String?) -> String {
        guard let session, html.contains("<form") else { return html }
        let hidden = #"<input type="hidden" name="\#(field)" value="\#(token(forSession: session))">"#
        var result = ""
        result.reserveCapacity(html.utf8.count + 128)
        var rest = html[...]
        while let start = rest.range(of: "<form") {
            guard let end = rest[start.upperBound...].firstIndex(of: ">") else { break }
            let tag = rest[start.lowerBound...end]
            result += rest[..<start.lowerBound]
            result += tag
            if tag.lowercased().contains(#"method="post""#) { result += hidden }
            rest = rest[rest.index(after: end)...]
        }
        result += rest
        return result
    }

    /// Whether `candidate` is the token of `session`, compared in constant time.
    static func matches(_ candidate: String, session: String) -> Bool {
        let expected = Array(token(forSession: session).utf8)
        let given = Array(candidate.utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
