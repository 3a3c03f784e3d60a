import Foundation
import Hummingbird
import Logging
import OtklikApplication
import OtklikStore

extension OtklikApp {
    /// The `customer-praise` feed consumer (one server at a time, under its lease): positive feedback naming a staff
    /// member becomes a recognition for them. Made once and kept (``OtklikApp/customerPraiseConsumer``), so that
    /// `/health` shows the running loop's own state and last error.
    static func customerPraiseConsumer(database: AppDatabase, instance: String, logger: Logger) -> DurableFeedConsumer {
        let lease = ServiceLease(repository: database.leases, name: "feed-customer-praise", holder: instance, interval: .seconds(2), logger: logger)
        return DurableFeedConsumer(name: CustomerPraiseFeedStep.consumer, database: database, lease: lease, logger: logger) {
            try await CustomerPraiseFeedStep.run(
                database: database.sql, limit: 500, records: CustomerPraiseFeedStep.recordsPerStep
            ).caughtUp
        }
    }

    /// Employee experience (issue 20 item 5): `/api/v1/attrition`, `/api/v1/pulse-surveys`, the `/employee-experience` page (the staff's answer form,
    /// `/pulse/{token}`, is public and added beside the other public pages).
    func addEmployeeExperienceRoutes(api: RouterGroup<AppRequestContext>, pages group: RouterGroup<AppRequestContext>, renderer: PageRenderer) {
        AttritionController(reference: database.reference).addRoutes(to: api)
        PulseSurveyController(
            repository: database.pulseSurveys, publicURL: configuration.publicURL, analytics: analytics, minimumN: configuration.minimumN
        ).addRoutes(to: api)
        RecognitionController(recognitions: database.recognitions, reference: database.reference).addRoutes(to: api)
        RecognitionPageController(recognitions: database.recognitions, reference: database.reference, pages: renderer).addRoutes(to: group)
        StaffCardController(
            reference: database.reference, recognitions: database.recognitions, mystery: SQLMysteryShoppingRepository(database: database.sql),
            analytics: analytics, minimumN: configuration.minimumN, pages: renderer
        ).addRoutes(to: group)
        EmployeeExperiencePageController(
            reference: database.reference, pulse: database.pulseSurveys, pages: renderer, publicURL: configuration.publicURL, analytics: analytics,
            minimumN: configuration.minimumN)
            .addRoutes(to: group)
    }
}
