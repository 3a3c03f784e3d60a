import Foundation
import Hummingbird
import Logging
import OtklikApplication
import OtklikStore

extension OtklikApp {
    /// The `life-situations` feed consumer (one server at a time, under its lease): detections from the signals each
    /// stretch of the feed stored. Made once and kept (``OtklikApp/lifeSituationConsumer``), so that `/health` shows the
    /// running loop's own state and last error.
    static func lifeSituationConsumer(database: AppDatabase, instance: String, logger: Logger) -> DurableFeedConsumer {
        let lease = ServiceLease(repository: database.leases, name: "feed-life-situations", holder: instance, interval: .seconds(5), logger: logger)
        return DurableFeedConsumer(name: LifeSituationFeedStep.consumer, database: database, lease: lease, logger: logger) {
            try await LifeSituationFeedStep.run(database: database.sql, limit: 100).caughtUp
        }
    }

    /// `/api/v1/life-situations` and the `/life-situations` page.
    func addLifeSituationRoutes(api: RouterGroup<AppRequestContext>, pages group: RouterGroup<AppRequestContext>, renderer: PageRenderer) {
        LifeSituationsController(repository: database.lifeSituations).addRoutes(to: api)
        LifeSituationsPageController(repository: database.lifeSituations, reference: database.reference, pages: renderer).addRoutes(to: group)
    }
}
