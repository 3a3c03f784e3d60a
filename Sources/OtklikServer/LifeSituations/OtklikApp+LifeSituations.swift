import Foundation
import Hummingbird
import OtklikApplication
import OtklikStore

extension OtklikApp {
    /// The `life-situations` feed consumer (one server at a time, under its lease): detections from the signals each
    /// stretch of the feed stored.
    var lifeSituationConsumer: DurableFeedConsumer {
        let database = database
        return DurableFeedConsumer(
            name: LifeSituationFeedStep.consumer, database: database, lease: lease("feed-life-situations", every: .seconds(5)), logger: logger
        ) {
            try await LifeSituationFeedStep.run(database: database.sql, limit: 100).caughtUp
        }
    }

    /// `/api/v1/life-situations` and the `/life-situations` page.
    func addLifeSituationRoutes(api: RouterGroup<AppRequestContext>, pages group: RouterGroup<AppRequestContext>, renderer: PageRenderer) {
        LifeSituationsController(repository: database.lifeSituations).addRoutes(to: api)
        LifeSituationsPageController(repository: database.lifeSituations, reference: database.reference, pages: renderer).addRoutes(to: group)
    }
}
