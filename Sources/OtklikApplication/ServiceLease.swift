import Foundation
import Logging
import OtklikStore

/// A background job's lease, taken or renewed before each round: with several servers on one
/// database, one of them runs the job; if it stops, another takes over when the lease expires.
public struct ServiceLease: Sendable {
    let repository: any LeaseRepository
    let name: String
    /// This server process (one id per start).
    let holder: String
    public let seconds: Double
    public let logger: Logger

    /// A lease that outlives three rounds of the loop (at least 15 s), so that a busy round does not lose it.
    public init(repository: any LeaseRepository, name: String, holder: String, interval: Duration, logger: Logger) {
        self.repository = repository
        self.name = name
        self.holder = holder
        seconds = max(15, 3 * Double(interval.components.seconds))
        self.logger = logger
    }

    /// Whether this process may run the job's next round.
    public func acquire(now: Date = Date()) async -> Bool {
        do {
            return try await repository.acquire(name, holder: holder, seconds: seconds, now: now)
        } catch {
            logger.error("lease not renewed", metadata: ["lease": "\(name)", "error": "\(error)"])
            return false
        }
    }

    public func release() async {
        try? await repository.release(name, holder: holder)
    }
}
