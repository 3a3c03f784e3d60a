import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore
import OtklikInterchange
import OtklikStore

/// `/api/v1/interactions`: write calls, chats and e-mails with their queue timings (idempotent on ids), read one. A caller
/// limited to some locations writes and reads only theirs (another location's 404; one without a location — a call to
/// the contact centre's queues — 422 `scope_no_location`; a batch item elsewhere 403 naming `items[i].location`).
struct InteractionController {
    let repository: any InteractionRepository
    let follower: FeedFollower

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("interactions", use: create)
        group.get("interactions/{id}", use: get)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let items = try await JSONBody.decode(ItemBatch<InteractionJSON>.self, from: request, context: context).converted { item throws(OtklikError) in
            let interaction = try item.interaction()
            try interaction.validate()
            return interaction
        }
        try context.requireWritable(locations: items.map(\.location))
        let outcome = try await repository.insert(items, createMissingReferences: false)
        if !outcome.inserted.isEmpty { await follower.catchUpAfterWrite() }
        return JSONResponse.make(outcome.inserted.isEmpty ? .ok : .created, ["inserted": outcome.inserted, "duplicates": outcome.duplicates])
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let interaction = try await repository.get(id: id) else {
            throw OtklikError(.notFound, "no interaction with id '\(id)'", field: "id")
        }
        try context.requireVisible(unlocated: interaction.location, "interaction", id: id)
        return JSONResponse.make(.ok, InteractionJSON(interaction))
    }
}
