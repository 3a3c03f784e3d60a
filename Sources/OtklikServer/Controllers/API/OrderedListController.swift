import Foundation
import Hummingbird
import OtklikCore

/// `GET|PUT /api/v1/<path>`: a list the organisation keeps — SLA policies, assignment rules, escalation rules (ordered:
/// the first entry that matches applies) and KPI targets. Read whole; replaced whole, validated
/// all or nothing (errors name `items[i].field`); the answer is the list as stored.
struct OrderedListController<Item: Codable & Sendable>: Sendable {
    let path: String
    let read: @Sendable () async throws -> [Item]
    let replace: @Sendable ([Item]) async throws -> Void

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(path), use: list)
        group.put(RouterPath(path), use: put)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(.ok, ["items": try await read()])
    }

    @Sendable func put(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(ItemBatch<Item>.self, from: request, context: context)
        try await replace(body.items)
        return JSONResponse.make(.ok, ["items": try await read()])
    }
}
