import Hummingbird

/// Conservative browser security headers on every answer.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        // A survey's respondent pages (`/s/…`) may be embedded in the organisation's own site (the survey page's embed
        // snippet); they hold no session and no one else's data. Every other page refuses to be framed.
        let embeddable = request.uri.path.hasPrefix("/s/")
        response.headers[.xContentTypeOptions] = "nosniff"
        if !embeddable { response.headers[.init("X-Frame-Options")!] = "DENY" }
        response.headers[.init("Referrer-Policy")!] = "same-origin"
        if response.headers[.contentType]?.hasPrefix("text/html") ?? false {
            response.headers[.contentSecurityPolicy] =
                "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors \(embeddable ? "*" : "'none'")"
        }
        return response
    }
}
