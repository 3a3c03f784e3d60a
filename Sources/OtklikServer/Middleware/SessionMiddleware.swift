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
        if let token = request.cookies[Self.cookieName]?.value, !token.isEmpty {
            context.user = try await access.sessionUser(token: token)
            context.sessionToken = context.user == nil ? nil : token
            if let user = context.user {
                let principal = try await resolver.principal(for: user)
                context.principal = principal
                context.scopeNote = try await resolver.note(for: principal.scope)
            }
        }
        return try await next(request, context)
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
