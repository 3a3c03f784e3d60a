import Foundation
import HTTPTypes
import Hummingbird
import OtklikApplication
import OtklikCore
import OtklikStore

/// The per-address limits of the routes without a sign-in and of failed sign-ins (issue 21 item 2): on PostgreSQL
/// kept in the database (``SQLRateLimiter``), so the servers behind a load balancer share one bucket per address; on
/// SQLite (one server) in memory (``SubmissionLimiter``). The client is the peer, or behind a trusted proxy
/// (`otklik.trusted.proxies`) the rightmost untrusted `X-Forwarded-For` hop (``TrustedProxies``), so a client cannot
/// pick the address it is counted under and the balancer's own address is not everyone's.
struct ClientLimits: Sendable {
    /// Failed sign-ins per address (``AuthController``).
    let login: any RateLimiter
    /// Answers to the kiosk and QR forms (``PublicFormController``).
    let publicForm: any RateLimiter
    /// Employee voice messages (``EmployeeVoiceController``).
    let voice: any RateLimiter
    /// Surveys started through a public link (``RespondentController``).
    let survey: any RateLimiter
    let trustedProxies: TrustedProxies

    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    /// The limits of a server on `database`: in the database on PostgreSQL, in memory on SQLite.
    init(database: any SQLDatabase, configuration: AppConfiguration) {
        func limiter(_ name: String, capacity: Int, perMinute: Double) -> any RateLimiter {
            database.dialect == .postgres
                ? SQLRateLimiter(database: database, name: name, capacity: capacity, perMinute: perMinute)
                : SubmissionLimiter(name: name, capacity: capacity, perMinute: perMinute)
        }
        login = limiter("login", capacity: configuration.loginFailuresPerAddress, perMinute: configuration.loginFailuresRefillPerMinute)
        publicForm = limiter("public-form", capacity: 30, perMinute: 30)
        voice = limiter("voice", capacity: 30, perMinute: 30)
        survey = limiter("survey", capacity: 30, perMinute: 30)
        trustedProxies = configuration.trustedProxies
    }

    /// The address a request's limits are counted under.
    func client(_ request: Request, context: AppRequestContext) -> String {
        trustedProxies.client(peer: context.remoteAddress?.ipAddress ?? "unknown", forwardedFor: request.headers[values: Self.forwardedFor])
    }
}
