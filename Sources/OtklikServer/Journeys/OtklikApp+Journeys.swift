import Foundation
import Hummingbird
import OtklikStore

extension OtklikApp {
    /// The journeys on this server.
    var journeyBoard: JourneyBoard {
        JourneyBoard(repository: SQLJourneyRepository(database: database.sql), minimumN: configuration.minimumN)
    }

    /// `/api/v1/journeys` and the `/journeys` pages.
    func addJourneyRoutes(api: RouterGroup<AppRequestContext>, pages group: RouterGroup<AppRequestContext>, renderer: PageRenderer) {
        let board = journeyBoard
        JourneyController(board: board, timeZone: analytics.timeZone).addRoutes(to: api)
        let analytics = self.analytics
        JourneysPageController(
            board: board, reference: database.reference, pages: renderer, timeZone: analytics.timeZone,
            lastData: { scope in try await DashboardController.lastFeedbackDay(analytics, scope: scope) }
        ).addRoutes(to: group)
    }
}
