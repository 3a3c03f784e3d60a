import Foundation
import Hummingbird
import OtklikCore
import OtklikMetrics
import OtklikStore

/// `GET /api/v1/attrition?from=&to=&by=organisation|location|team|month`: staff attrition from the staff records
/// (``Attrition``). A caller scoped to locations gets the figures of their locations' staff only.
struct AttritionController {
    let reference: any ReferenceRepository

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("attrition", use: attrition)
    }

    @Sendable func attrition(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        guard let from = query["from"].map(String.init), !from.isEmpty else { throw OtklikError.invalid("from", "name the period: ?from=YYYY-MM-DD&to=YYYY-MM-DD") }
        guard let to = query["to"].map(String.init), !to.isEmpty else { throw OtklikError.invalid("to", "name the period: ?from=YYYY-MM-DD&to=YYYY-MM-DD") }
        let byText = query["by"].map(String.init) ?? "organisation"
        guard let by = Attrition.Grouping(rawValue: byText) else {
            throw OtklikError.invalid("by", "by must be one of \(Attrition.Grouping.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let scope = context.accessScope
        let staff = try await reference.staff().filter { scope.allows(location: $0.location) }
        return JSONResponse.make(.ok, try Attrition.compute(staff: staff, from: from, to: to, by: by))
    }
}
