import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// `/api/v1/assignment-rules`: who owns new cases, in order (first match wins), replaced whole.
struct AssignmentRuleController {
    let rules: any AssignmentRuleRepository

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("assignment-rules", use: list)
        group.put("assignment-rules", use: replace)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(.ok, ["items": try await rules.rules()])
    }

    @Sendable func replace(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(ItemBatch<AssignmentRule>.self, from: request)
        try await rules.replaceAll(body.items)
        return JSONResponse.make(.ok, ["items": try await rules.rules()])
    }
}
