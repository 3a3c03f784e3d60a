import Hummingbird
import Logging

/// Logs each request's method and path at info level — never its query string, which may carry a customer's phone
/// or e-mail address (`/customers?q=…`, `/api/v1/feedback?contact=…`): contacts do not reach logs.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        context.logger.info(
            "Request", metadata: ["hb.request.path": .string(Self.path(request.uri.path)), "hb.request.method": .string(request.method.rawValue)])
        return try await next(request, context)
    }

    /// The path as logged: a customer page's id is kept (an id, not a contact), everything after `?` is not.
    static func path(_ path: String) -> String {
        path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
    }
}
