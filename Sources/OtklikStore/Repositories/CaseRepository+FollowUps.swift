import Foundation
import OtklikCore

extension SQLCaseRepository {
    public func queueWebhooksFromFeed(consumer: String, limit: Int) async throws -> (queued: Int, caughtUp: Bool) {
        let step = try await FollowedLineFeedStep.run(.webhooks, of: .case, consumer: consumer, limit: limit, database: database)
        return (step.handled, step.caughtUp)
    }

    public func notifyFromFeed(consumer: String, limit: Int) async throws -> (notified: Int, caughtUp: Bool) {
        let step = try await FollowedLineFeedStep.run(.notifications, of: .case, consumer: consumer, limit: limit, database: database)
        return (step.handled, step.caughtUp)
    }
}
