import Foundation
import Logging
import OtklikStore
import ServiceLifecycle

/// Prunes change-feed events past the retention period (7 days by default), in one server at a time.
/// No durable consumer keeps its position in the feed yet, so nothing else holds pruning back; the engines of
/// running servers read rows by their stamped positions and do not lose rows whose events were pruned.
public struct FeedPruner: Service {
    let feed: ChangeFeed
    let retention: TimeInterval
    let lease: ServiceLease
    let logger: Logger

    public init(feed: ChangeFeed, retention: TimeInterval, lease: ServiceLease, logger: Logger) {
        self.feed = feed
        self.retention = retention
        self.lease = lease
        self.logger = logger
    }

    public func run() async throws {
        await BackgroundRounds.run(every: .seconds(600), lease: lease, logger: logger, failure: "pruning the change feed failed") {
            let pruned = try await feed.prune(olderThan: retention)
            if pruned > 0 { logger.info("pruned the change feed", metadata: ["events": "\(pruned)"]) }
        }
    }
}
