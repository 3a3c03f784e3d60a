import Foundation
import Hummingbird
import OtklikApplication

extension OtklikApp {
    /// Churn risk (issue 18 item 6): one model cache, fitted per day, behind the API and the at-risk page. The router
    /// prefers the constant `customers/at-risk` to the customer pages' `customers/{id}` (CustomerChurnAPITests checks it).
    @discardableResult
    func addChurnRoutes(
        api: RouterGroup<AppRequestContext>, pages group: RouterGroup<AppRequestContext>, renderer: PageRenderer, cache: ChurnModelCache
    ) -> ChurnModelCache {
        ChurnController(cache: cache, customers: database.customers).addRoutes(to: api)
        AtRiskPageController(cache: cache, pages: renderer, timeZone: analytics.timeZone).addRoutes(to: group)
        return cache
    }
}
