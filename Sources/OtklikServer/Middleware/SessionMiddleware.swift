import Hummingbird
import OtklikStore

/// Reads the session cookie and puts its user on the context; pages that need a user redirect to the login.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let cookieName = "otklik_session"
    let access: any AccessRepository
    let resolver: PrincipalResolver

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        try await attach(request, to: &context)
        return try await next(request, context)
    }

    /// Puts the session's user, principal and scope note on `context` when the request carries a live session cookie
    /// (also used by ``ErrorMiddleware``, so an error page keeps the signed-in user's navigation).
    func attach(_ request: Request, to context: inout Context) async throws {
        guard let token = request.cookies[Self.cookieName]?.value, !token.isEmpty else { return }
        context.user = try await access.sessionUser(token: token)
        context.sessionToken = context.user == nil ? nil : token
        if let user = context.user {
            let principal = try await resolver.principal(for: user)
            context.principal = principal
            context.scopeNote = try await resolver.note(for: principal.scope)
        }
    }
}

/// Lets only requests with a logged-in user through; others go to `/login?next=…`.
struct RequireUserMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.user != nil else {
            let target = request.uri.description
            let encoded = target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
            return Response(status: .seeOther, headers: [.location: "/login?next=\(encoded)"])
        }
        return try await next(request, context)
    }
}

import Foundation
