import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// `/api/v1/playbooks` (the service standard, replaced whole), `/api/v1/sla-policies` (SLA targets per case type and
/// location, in order) and `/api/v1/feedback/{id}/playbook` (what staff
/// should do about one feedback: the most specific playbook among the events it calls for).
struct PlaybookController {
    let playbooks: any PlaybookRepository
    let feedback: any FeedbackRepository
    let slaPolicies: any SLAPolicyRepository

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("playbooks", use: list)
        group.put("playbooks", use: replace)
        group.get("feedback/{id}/playbook", use: forFeedback)
        group.get("sla-policies", use: listPolicies)
        group.put("sla-policies", use: replacePolicies)
    }

    @Sendable func listPolicies(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(.ok, ["items": try await slaPolicies.policies()])
    }

    /// Replaces the SLA policies (applied to cases opened from now on), all or nothing.
    @Sendable func replacePolicies(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(ItemBatch<SLAPolicy>.self, from: request)
        try await slaPolicies.replaceAll(body.items)
        return JSONResponse.make(.ok, ["items": try await slaPolicies.policies()])
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(.ok, ["items": try await playbooks.playbooks()])
    }

    @Sendable func replace(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(ItemBatch<Playbook>.self, from: request)
        try await playbooks.replaceAll(body.items)
        return JSONResponse.make(.ok, ["items": try await playbooks.playbooks()])
    }

    @Sendable func forFeedback(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let item = try await feedback.get(id: id) else { throw OtklikError(.notFound, "no feedback with id '\(id)'", field: "id") }
        guard let playbook = try await playbooks.playbook(forEvents: Playbook.events(for: item)) else {
            throw OtklikError(.notFound, "no playbook for this feedback's events (\(Playbook.events(for: item).joined(separator: ", ")))", field: "id")
        }
        return JSONResponse.make(.ok, playbook)
    }
}
