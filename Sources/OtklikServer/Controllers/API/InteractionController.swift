import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// `/api/v1/interactions`: write calls, chats and e-mails with their queue timings (idempotent on ids), read one.
struct InteractionController {
    let repository: any InteractionRepository
    let analytics: Analytics

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("interactions", use: create)
        group.get("interactions/{id}", use: get)
    }

    struct Batch: Decodable {
        var items: [InteractionJSON]

        enum CodingKeys: String, CodingKey { case items }

        init(from decoder: any Decoder) throws {
            if let container = try? decoder.container(keyedBy: CodingKeys.self), container.contains(.items) {
                items = try container.decode([InteractionJSON].self, forKey: .items)
            } else {
                items = [try InteractionJSON(from: decoder)]
            }
        }
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let batch = try await JSONBody.decode(Batch.self, from: request)
        guard batch.items.count <= FeedbackController.maxBatch else {
            throw OtklikError(.payloadTooLarge, "a batch holds at most \(FeedbackController.maxBatch) items", field: "items")
        }
        guard !batch.items.isEmpty else { throw OtklikError.invalid("items", "no interactions given") }
        var items: [Interaction] = []
        for (index, item) in batch.items.enumerated() {
            do {
                let interaction = try item.interaction()
                try interaction.validate()
                items.append(interaction)
            } catch {
                throw error.prefixingField("items[\(index)]")
            }
        }
        let outcome = try await repository.insert(items, createMissingReferences: false)
        await analytics.append(outcome.insertedRecords(of: items))
        return JSONResponse.make(outcome.inserted.isEmpty ? .ok : .created, ["inserted": outcome.inserted, "duplicates": outcome.duplicates])
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let interaction = try await repository.get(id: id) else {
            throw OtklikError(.notFound, "no interaction with id '\(id)'", field: "id")
        }
        return JSONResponse.make(.ok, InteractionJSON(interaction))
    }
}
