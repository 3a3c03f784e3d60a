import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// `/api/v1/sla-policies`: SLA targets per case type and location, in order; the first that matches a new case applies.
struct SLAPolicyController {
    let slaPolicies: any SLAPolicyRepository

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("sla-policies", use: list)
        group.put("sla-policies", use: replace)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(.ok, ["items": try await slaPolicies.policies()])
    }

    /// Replaces the policies (applied to cases opened from now on), all or nothing.
    @Sendable func replace(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(ItemBatch<SLAPolicy>.self, from: request)
        try await slaPolicies.replaceAll(body.items)
        return JSONResponse.make(.ok, ["items": try await slaPolicies.policies()])
    }
}
