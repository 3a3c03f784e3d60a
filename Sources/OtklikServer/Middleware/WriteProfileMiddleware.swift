import Hummingbird
import OtklikStore

/// With the write profile on (``WriteProfile``, `otklik.profile.writes.seconds`), times every POST from the first middleware to
/// the answer: beside the stages the write path records, it shows what the middlewares (the API key's check among
/// them) and the handler add. Does nothing otherwise.
struct WriteProfileMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard WriteProfile.enabled, request.method == .post else { return try await next(request, context) }
        return try await WriteProfile.stage("POST: whole request after HTTP parsing") { try await next(request, context) }
    }
}
