import Foundation
import Hummingbird
import OtklikStore
import Synchronization

/// Records, for standard 3f's evidence, that a signed-in user opened a dashboard page (`/` or `/dissatisfaction`) on a
/// day: the user name and the UTC day, nothing else. Cheap: each server writes a user's day once (it remembers the
/// pairs it wrote today), and a failed write is logged, never shown to the user.
struct DashboardUsageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let paths: Set<String> = ["/", "/dissatisfaction"]
    let repository: any MaturityRepository
    let written = Written()

    /// The (day, user) pairs this server wrote.
    final class Written: Sendable {
        let pairs = Mutex<Set<String>>([])
        func withLock<T: Sendable>(_ body: (inout Set<String>) -> T) -> T { pairs.withLock { body(&$0) } }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response = try await next(request, context)
        guard request.method == .get, Self.paths.contains(request.uri.path), response.status == .ok, let user = context.user else { return response }
        let now = Date()
        let key = "\(SQLMaturityRepository.day(now))|\(user.username)"
        let fresh = written.withLock { set in
            if set.contains(key) { return false }
            if set.count > 10_000 { set.removeAll() }
            set.insert(key)
            return true
        }
        guard fresh else { return response }
        do {
            try await repository.recordDashboardVisit(username: user.username, at: now)
        } catch {
            written.withLock { _ = $0.remove(key) }
            context.logger.warning("could not record a dashboard visit: \(error)")
        }
        return response
    }
}
