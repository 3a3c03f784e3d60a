import Foundation
import HTTPTypes
import Hummingbird
import OtklikApplication
import OtklikStore

/// `/login` and `/logout`: a bcrypt-checked password opens a server-side session behind an HttpOnly cookie.
struct AuthController {
    let access: any AccessRepository
    let hasher: PasswordHasher
    let pages: PageRenderer
    let sessionLifetime: Duration
    let secureCookies: Bool
    /// A hash to verify against when the user does not exist, so both cases take the same time.
    let dummyHash: String
    /// Password guessing is slowed per account first (``LoginLockout``: 10 failures, then a wait from a minute doubling
    /// up to an hour, counted in the database so every server shares it), then per client: after 100 failures from one
    /// address (``AppConfiguration/loginFailuresPerAddress``, refilled 20 a minute; ``ClientLimits/login``, in the database
    /// on PostgreSQL so every server shares it) that address may still sign in to accounts with no recent failure, so valid
    /// users behind a shared proxy are never locked out by another's guessing. The client is the peer, or behind a trusted
    /// proxy (`otklik.trusted.proxies`) the rightmost untrusted `X-Forwarded-For` hop. A successful login costs nothing.
    let loginFailures: SQLLoginFailures
    let limits: ClientLimits

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("login", use: loginPage)
        router.post("login", use: login)
        router.post("logout", use: logout)
    }

    struct LoginForm: Decodable {
        var username: String
        var password: String
        var next: String?
    }

    @Sendable func loginPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let next = Self.safeNext(request.uri.queryParameters.get("next"))
        return pages.render("login", page: LoginPage(next: next), titleKey: "login_title", request: request, context: context)
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 16 * 1024)
        let form = try URLEncodedFormDecoder().decode(LoginForm.self, from: String(buffer: body))
        let client = limits.client(request, context: context)
        let account = form.username.lowercased()
        var retryAfter: Int?
        if let until = try await loginFailures.lockedUntil(account) {
            retryAfter = max(1, Int(until.timeIntervalSinceNow.rounded(.up)))
        } else if try await limits.login.isExhausted(client), try await loginFailures.failures(account) > 0 {
            retryAfter = 60
        }
        if let retryAfter {
            context.logger.notice("login throttled", metadata: ["username": "\(form.username)", "client": "\(client)"])
            var response = pages.render(
                "login", page: LoginPage(next: Self.safeNext(form.next), throttled: true, username: form.username),
                titleKey: "login_title", request: request, context: context, status: .tooManyRequests)
            response.headers[.retryAfter] = String(retryAfter)
            return response
        }
        let user = try await access.user(username: form.username)
        let valid = try await hasher.verify(form.password, hash: user?.passwordHash ?? dummyHash)
        guard let user, valid else {
            context.logger.notice("failed login", metadata: ["username": "\(form.username)"])
            _ = try await limits.login.allow(client)
            try await loginFailures.recordFailure(account)
            return pages.render(
                "login", page: LoginPage(next: Self.safeNext(form.next), failed: true, username: form.username),
                titleKey: "login_title", request: request, context: context, status: .unauthorized)
        }
        try await loginFailures.clear(account)
        let token = try await access.createSession(username: user.username, lifetime: sessionLifetime)
        let cookie = Cookie(
            name: SessionMiddleware.cookieName, value: token, maxAge: Int(sessionLifetime.components.seconds), path: "/",
            secure: secureCookies, httpOnly: true, sameSite: .lax)
        return Response(status: .seeOther, headers: [.location: Self.safeNext(form.next), .setCookie: cookie.description])
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let token = request.cookies[SessionMiddleware.cookieName]?.value { try await access.deleteSession(token: token) }
        let cookie = Cookie(name: SessionMiddleware.cookieName, value: "", maxAge: 0, path: "/", secure: secureCookies, httpOnly: true, sameSite: .lax)
        return Response(status: .seeOther, headers: [.location: "/login", .setCookie: cookie.description])
    }

    /// Only a local path is a valid place to return to after login.
    static func safeNext(_ next: String?) -> String {
        // A control character (a tab, a line break) would reach the Location header; browsers drop tabs, so
        // "/\t/evil.example" becomes "//evil.example".
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"),
            !next.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == " " })
        else { return "/" }
        return next
    }
}
