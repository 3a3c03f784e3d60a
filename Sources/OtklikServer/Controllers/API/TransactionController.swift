import Foundation
import Hummingbird
import OtklikCore
import OtklikInterchange
import OtklikStore

/// `/api/v1/transactions` (purchases and refunds, idempotent on ids) and `/api/v1/acquisition-costs`. A caller limited to
/// some locations writes and reads only the transactions at theirs (another location's 404, one without a location 422
/// `scope_no_location`, a batch item elsewhere 403 naming `items[i].location`); the costs are the organisation's
/// (422 `scope_acquisition`).
struct TransactionController {
    let repository: any TransactionRepository

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("transactions", use: create)
        group.get("transactions/{id}", use: get)
        group.post("acquisition-costs", use: storeCosts)
        group.get("acquisition-costs", use: listCosts)
    }

    /// One transaction or `{"items": […]}` up to 1,000, all or nothing: a bad item, an unknown location or
    /// service code or an id stored with other content writes nothing and names `items[i].field`.
    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let items = try await JSONBody.decode(ItemBatch<TransactionJSON>.self, from: request, context: context).converted { item throws(OtklikError) in
            try item.transaction()
        }
        try context.requireWritable(locations: items.map(\.location))
        let outcome = try await repository.insert(items, createMissingReferences: false)
        return JSONResponse.make(outcome.inserted.isEmpty ? .ok : .created, ["inserted": outcome.inserted, "duplicates": outcome.duplicates])
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let transaction = try await repository.get(id: id) else {
            throw OtklikError(.notFound, "no transaction with id '\(id)'", field: "id")
        }
        try context.requireVisible(unlocated: transaction.location, "transaction", id: id)
        return JSONResponse.make(.ok, TransactionJSON(transaction))
    }

    /// One cost or `{"items": […]}`; a (period, channel) already stored takes the new amount.
    @Sendable func storeCosts(_ request: Request, context: AppRequestContext) async throws -> Response {
        let items = try await JSONBody.decode(ItemBatch<AcquisitionCost>.self, from: request, context: context).converted { item throws(OtklikError) in
            try item.validate()
            return item
        }
        let (inserted, replaced) = try await repository.storeCosts(items)
        return JSONResponse.make(inserted > 0 ? .created : .ok, ["inserted": inserted, "replaced": replaced])
    }

    @Sendable func listCosts(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(.ok, ["items": try await repository.costs()])
    }
}
