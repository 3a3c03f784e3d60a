import Foundation
import Hummingbird
import OtklikStore

extension OtklikApp {
    /// The maturity assessments on this server.
    var maturityBoard: MaturityBoard {
        MaturityBoard(repository: SQLMaturityRepository(database: database.sql))
    }

    /// The `/assessment` page.
    func addMaturityRoutes(pages group: RouterGroup<AppRequestContext>, renderer: PageRenderer) {
        MaturityPageController(board: maturityBoard, pages: renderer, timeZone: analytics.timeZone).addRoutes(to: group)
    }

    /// Records dashboard visits for standard 3f.
    var dashboardUsage: DashboardUsageMiddleware {
        DashboardUsageMiddleware(repository: SQLMaturityRepository(database: database.sql))
    }
}

extension OtklikApp {
    /// The maturity assessments' store.
    public var maturityRepository: any MaturityRepository { SQLMaturityRepository(database: database.sql) }
}
