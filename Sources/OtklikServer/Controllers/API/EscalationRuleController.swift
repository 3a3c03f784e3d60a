import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// `/api/v1/escalation-rules`: which cases go straight up the escalation ladder when they open or change priority,
/// in order (first match wins), replaced whole.
struct EscalationRuleController {
    let rules: any EscalationRuleRepository

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("escalation-rules", use: list)
        group.put("escalation-rules", use: replace)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(.ok, ["items": try await rules.rules()])
    }

    @Sendable func replace(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(ItemBatch<EscalationRule>.self, from: request)
        try await rules.replaceAll(body.items)
        return JSONResponse.make(.ok, ["items": try await rules.rules()])
    }
}
