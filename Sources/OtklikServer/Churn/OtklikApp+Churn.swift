import Foundation
import Hummingbird
import OtklikApplication
import OtklikStore

extension OtklikApp {
    /// Churn risk (issue 18 item 6): one model cache, fitted per day, behind the API and the at-risk page. The router
    /// prefers the constant `customers/at-risk` to the customer pages' `customers/{id}` (CustomerChurnAPITests checks it).
    @discardableResult
    func addChurnRoutes(
        api: RouterGroup<AppRequestContext>, pages group: RouterGroup<AppRequestContext>, renderer: PageRenderer, cache: ChurnModelCache
    ) -> ChurnModelCache {
        // A customer's churn score and the at-risk list are reads of personal data: audited as the customer pages are.
        let audit = PersonalDataAuditMiddleware(audit: SQLAuditLog(database: database.sql))
        ChurnController(cache: cache, customers: database.customers).addRoutes(to: api.group().add(middleware: audit))
        AtRiskPageController(cache: cache, pages: renderer, timeZone: analytics.timeZone).addRoutes(to: group.group().add(middleware: audit))
        return cache
    }
}
