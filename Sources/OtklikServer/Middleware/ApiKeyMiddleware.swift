import Hummingbird
import OtklikCore
import OtklikStore

/// Requires `Authorization: Bearer otk_…` with a live API key on every `/api/v1` route.
struct ApiKeyMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let access: any AccessRepository
    let resolver: PrincipalResolver

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw OtklikError(.unauthorized, "send an API key as 'Authorization: Bearer otk_…' (create one with 'otklik apikey create')")
        }
        let secret = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        guard let key = try await access.verifyApiKey(secret) else {
            throw OtklikError(.unauthorized, "the API key is unknown or revoked")
        }
        var context = context
        context.apiKey = key
        context.principal = try await resolver.principal(for: key)
        return try await next(request, context)
    }
}
