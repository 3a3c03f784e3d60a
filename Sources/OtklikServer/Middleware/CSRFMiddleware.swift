import Foundation
import HTTPTypes
import Hummingbird
import OtklikCore

/// Refuses forged state-changing requests to the dashboard (cross-site request forgery), in two layers:
/// - the browser's own word: a `Sec-Fetch-Site` other than `same-origin`/`none`, or an `Origin` whose host and port
///   are not this server's (the request's `Host`, or the configured public URL), is refused — this also stops a page on another
///   port of the same host, which `SameSite=Lax` cookies let through;
/// - a signed-in request must carry its session's ``CSRFToken`` in the form field `csrf` (every rendered POST form
///   has it) or in the `X-CSRF-Token` header.
/// GET and HEAD pass; `/api/v1` (API keys, no cookies) is not behind this middleware.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    /// `https://feedback.example.ru` when Otklik runs behind a proxy that rewrites `Host`.
    let publicURL: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard ![HTTPRequest.Method.get, .head, .options].contains(request.method) else { return try await next(request, context) }
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!]?.lowercased(), !["same-origin", "none"].contains(site) {
            throw OtklikError(.forbidden, "cross-site form posts are refused (Sec-Fetch-Site: \(site))", field: "origin")
        }
        if let origin = request.headers[.origin], !isOwn(origin: origin, request: request) {
            throw OtklikError(.forbidden, "form posts from another origin are refused", field: "origin")
        }
        guard let session = context.sessionToken else { return try await next(request, context) }
        var request = request
        if let header = request.headers[HTTPField.Name(CSRFToken.header)!], CSRFToken.matches(header, session: session) {
            return try await next(request, context)
        }
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        let fields = FormFields(String(buffer: body))
        guard let token = fields.first(CSRFToken.field), CSRFToken.matches(token, session: session) else {
            throw OtklikError(.forbidden, "the form has expired or did not come from this site; reload the page and try again", field: CSRFToken.field)
        }
        return try await next(request, context)
    }

    /// Whether `origin` (`scheme://host[:port]`) names this server as the browser reached it (`Host`) or as configured.
    func isOwn(origin: String, request: Request) -> Bool {
        guard let given = Self.hostAndPort(origin) else { return false }
        let scheme = URLComponents(string: origin)?.scheme ?? "http"
        var own: [(String, Int)] = []
        if let authority = request.head.authority, let parsed = Self.hostAndPort("\(scheme)://\(authority)") {
            own.append(parsed)
        }
        if let publicURL, let parsed = Self.hostAndPort(publicURL) { own.append(parsed) }
        return own.contains { $0 == given }
    }

    /// The host (lower case) and port (the scheme's default when absent) of a URL.
    static func hostAndPort(_ text: String) -> (String, Int)? {
        guard let url = URLComponents(string: text), let host = url.host?.lowercased(), !host.isEmpty else { return nil }
        return (host, url.port ?? (url.scheme == "https" ? 443 : 80))
    }
}
