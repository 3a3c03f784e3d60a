import Foundation
import Hummingbird
import OtklikApplication

extension OtklikApp {
    /// Segments and personas (issue 18 item 7): `/api/v1/segments` and the `/segments` page, sharing the churn model
    /// cache and the value model with the customer pages.
    func addSegmentRoutes(
        api: RouterGroup<AppRequestContext>, pages group: RouterGroup<AppRequestContext>, renderer: PageRenderer, churn: ChurnModelCache,
        values: CustomerValueModel, slicer: SegmentSlicer
    ) {
        let segments = CustomerSegments(database: database, churn: churn, values: values)
        SegmentsController(segments: segments, repository: database.segments, slicer: slicer).addRoutes(to: api)
        SegmentsPageController(segments: segments, pages: renderer).addRoutes(to: group)
    }
}
