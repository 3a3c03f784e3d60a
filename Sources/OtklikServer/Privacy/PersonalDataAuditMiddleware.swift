import Hummingbird
import OtklikStore

/// Writes a successful read of customer data to the audit log: `GET /api/v1/customers/{id}` and `/customers/{id}`
/// (and their sub-pages) as `view`, `…/{id}/export` as `export`, a search as `search` (which parameters were given,
/// never their values: a search may be by phone), the review queue and the customers most at risk (`customers/at-risk`,
/// with their churn scores) as `view`. The actor is `user:NAME` for a
/// signed-in person, `api:KEY NAME` for an API key. Changes (erase, merge, import) are audited where they are made.
/// `GET /api/v1/customers/acquisition` (figures by channel, no customer) is not a read of a customer.
struct PersonalDataAuditMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let audit: SQLAuditLog

    static func actor(_ context: AppRequestContext) -> String {
        if let user = context.user { return "user:\(user.username)" }
        if let key = context.apiKey { return "api:\(key.name)" }
        return "anonymous"
    }

    /// The audit action, subject and detail of a read at `path` with these query parameter names; nil: not audited.
    static func classify(path: String, parameters: [String]) -> (action: String, subject: String?, detail: AuditDetail?)? {
        var parts = path.split(separator: "/").map(String.init)
        if parts.starts(with: ["api", "v1"]) { parts.removeFirst(2) }
        guard parts.first == "customers" else { return nil }
        let given = parameters.filter { !["offset", "limit", "lang", "page"].contains($0) }.sorted()
        switch parts.count {
        case 1:
            return given.isEmpty ? ("view", nil, .customerList) : ("search", nil, .search(parameters: given))
        case 2 where parts[1] == "acquisition":
            return nil  // the organisation's acquisition figures: no customer's data
        case 2 where parts[1] == "review":
            return ("view", nil, .reviewQueue)
        case 2 where parts[1] == "at-risk":
            return ("view", nil, .atRiskList)
        case 2:
            return ("view", parts[1], nil)
        default:
            if parts.count == 3 && parts[2] == "export" { return ("export", parts[1], nil) }
            if parts[1] == "merges" || parts[1] == "review" { return nil }
            return ("view", parts[1], .section(parts[2...].joined(separator: "/")))
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response = try await next(request, context)
        guard request.method == .get, (200..<300).contains(response.status.code),
            let (action, subject, detail) = Self.classify(
                path: request.uri.path, parameters: request.uri.queryParameters.map { String($0.key) })
        else { return response }
        try await audit.record(action, by: Self.actor(context), customer: subject, detail: detail)
        return response
    }
}
