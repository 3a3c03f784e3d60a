import Logging
import OtklikApplication
import OtklikStore

extension OtklikApp {
    /// The consumers of what follows a problem history line (issue 17 item 2): its `problem.*` webhook
    /// (`problem-webhooks`) and its notification (`problem-notifications`). Independent, like the case ones: the
    /// conditional advance of the position lets one server do each stretch, and the ids derived from the problem and
    /// the line keep a stretch done twice from storing anything twice. Started after each problem write
    /// (``problems``), and by their background loops every half second.
    static func problemFollowUpConsumers(database: AppDatabase, logger: Logger) -> (webhooks: DurableFeedConsumer, notifications: DurableFeedConsumer) {
        let pause = testPause("OTKLIK_TEST_CONSUMER_PAUSE_MS")
        let webhooks = DurableFeedConsumer(name: "problem-webhooks", database: database, pause: pause, logger: logger) {
            try await database.problems.queueWebhooksFromFeed(consumer: "problem-webhooks", limit: 100).caughtUp
        }
        let notifications = DurableFeedConsumer(name: "problem-notifications", database: database, pause: pause, logger: logger) {
            try await database.problems.notifyFromFeed(consumer: "problem-notifications", limit: 100).caughtUp
        }
        return (webhooks, notifications)
    }
}
