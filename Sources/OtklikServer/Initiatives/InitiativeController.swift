import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// `/api/v1/initiatives`: register initiatives (one or `{"items": […]}`, idempotent by id), read them with their
/// measured effect, and the portfolio ranked by improvement per cost.
struct InitiativeController {
    let board: InitiativeBoard
    let timeZone: TimeZone

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("initiatives", use: list)
        group.post("initiatives", use: create)
        group.get("initiatives/portfolio", use: portfolio)
        group.get("initiatives/{id}", use: get)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let items = try await board.measured(now: Date()).map { InitiativeOutput($0.0, effect: $0.1) }
        return JSONResponse.make(.ok, ["items": items])
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (initiative, effect) = try await board.measured(id: try context.parameters.require("id"), now: Date())
        return JSONResponse.make(.ok, InitiativeOutput(initiative, effect: effect))
    }

    @Sendable func portfolio(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(.ok, ["items": try await board.portfolio(now: Date()).map(PortfolioEntryJSON.init)])
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let batch = try await JSONBody.decode(ItemBatch<InitiativeInput>.self, from: request, context: context)
        let zone = timeZone
        let items = try batch.converted { (input) throws(OtklikError) in try input.initiative(timeZone: zone) }
        let outcome = try await board.repository.create(items, now: Date())
        return JSONResponse.make(outcome.inserted.isEmpty ? .ok : .created, ["inserted": outcome.inserted, "duplicates": outcome.duplicates])
    }
}
