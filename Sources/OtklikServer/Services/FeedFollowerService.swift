import Logging
import ServiceLifecycle

/// Keeps this server's analytics engine within `interval` of the change feed: writes made by other processes
/// (another server, an import) appear in the figures without a restart.
struct FeedFollowerService: Service {
    let follower: FeedFollower
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await BackgroundRounds.run(every: interval, lease: nil, logger: logger, failure: "following the change feed failed") {
            try await follower.catchUp()
        }
    }
}
