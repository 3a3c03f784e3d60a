import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// `/api/v1/playbooks` (the service standard, replaced whole) and `/api/v1/feedback/{id}/playbook` (what staff
/// should do about one feedback: the most specific playbook among the events it calls for; another location's feedback
/// is 404 to a caller limited to some locations, as on `GET /api/v1/feedback/{id}`).
struct PlaybookController {
    let playbooks: any PlaybookRepository
    let feedback: any FeedbackRepository

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("playbooks", use: list)
        group.put("playbooks", use: replace)
        group.get("feedback/{id}/playbook", use: forFeedback)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(.ok, ["items": try await playbooks.playbooks()])
    }

    @Sendable func replace(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(ItemBatch<Playbook>.self, from: request, context: context)
        try await playbooks.replaceAll(body.items)
        return JSONResponse.make(.ok, ["items": try await playbooks.playbooks()])
    }

    @Sendable func forFeedback(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let item = try await feedback.get(id: id), context.accessScope.allows(location: item.location) else {
            throw OtklikError(.notFound, "no feedback with id '\(id)'", field: "id")
        }
        guard let playbook = try await playbooks.playbook(forEvents: Playbook.events(for: item)) else {
            throw OtklikError(.notFound, "no playbook for this feedback's events (\(Playbook.events(for: item).joined(separator: ", ")))", field: "id")
        }
        return JSONResponse.make(.ok, playbook)
    }
}
