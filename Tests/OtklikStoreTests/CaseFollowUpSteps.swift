import OtklikStore

extension AppDatabase {
    /// Runs the `case-webhooks` and `case-notifications` steps to the feed's head, as the server's consumers do after
    /// each case write: the webhooks and notifications case history lines carry are written by them, not by the write.
    func followCaseLines() async throws {
        while try await !cases.queueWebhooksFromFeed(consumer: "case-webhooks", limit: 100).caughtUp {}
        while try await !cases.notifyFromFeed(consumer: "case-notifications", limit: 100).caughtUp {}
    }
}

extension AppDatabase {
    /// Runs the `problem-webhooks` and `problem-notifications` steps to the feed's head, as the server's consumers do
    /// after each problem write (a detection that opens problems, a manager's action).
    func followProblemLines() async throws {
        while try await !problems.queueWebhooksFromFeed(consumer: "problem-webhooks", limit: 100).caughtUp {}
        while try await !problems.notifyFromFeed(consumer: "problem-notifications", limit: 100).caughtUp {}
    }
}
