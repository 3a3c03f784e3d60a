import Logging
import ServiceLifecycle

/// Keeps one change-feed consumer of this server (its analytics engine, the text analysis) within `interval` of
/// the feed: writes made by other processes (another server, an import) are followed without a restart. Each
/// consumer has its own loop, so a slow one never holds another back.
public struct FeedFollowerService: Service {
    let name: String
    let catchUp: @Sendable () async throws -> Void
    let interval: Duration
    /// The lease of an ordered consumer (given up at shutdown).
    var lease: ServiceLease? = nil
    let logger: Logger

    public init(
        name: String, catchUp: @escaping @Sendable () async throws -> Void, interval: Duration, lease: ServiceLease? = nil, logger: Logger
    ) {
        self.name = name
        self.catchUp = catchUp
        self.interval = interval
        self.lease = lease
        self.logger = logger
    }

    public func run() async throws {
        await BackgroundRounds.run(every: interval, lease: lease, logger: logger, failure: "following the change feed failed (\(name))") {
            try await catchUp()
        }
    }
}
