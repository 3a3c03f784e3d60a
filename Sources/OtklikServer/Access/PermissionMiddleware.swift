import Hummingbird
import OtklikCore

/// Answers 403 unless the request's ``Principal`` holds the permission its route needs (``RoutePermissions``), and,
/// for a principal scoped to regions or locations, unless the route filters by that scope; a route whose figures are
/// the organisation's only (``RoutePermissions/organisationOnly``) answers such a principal 422 saying why.
/// Runs after the middleware that authenticates (API key or session), so a principal is always present here.
struct PermissionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let table: RoutePermissions

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let needed = table.required(method: request.method, path: request.uri.path)
        guard let principal = context.principal else { throw OtklikError(.unauthorized, "sign in or send an API key") }
        try principal.require(needed)
        if !principal.scope.isOrganisation, !table.appliesScope(method: request.method, path: request.uri.path) {
            if let reason = table.organisationOnlyReason(method: request.method, path: request.uri.path) {
                throw OtklikError(.invalidInput, reason.message, field: reason.field)
            }
            throw OtklikError(.forbidden, principal.kind == .apiKey
                ? "this operation does not yet filter by location, so a key limited to regions or locations cannot use it"
                : "this page is not yet available to a user limited to some service points: it would show every service point")
        }
        return try await next(request, context)
    }
}
