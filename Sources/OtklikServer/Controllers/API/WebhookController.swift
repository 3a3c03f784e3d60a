import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// `/api/v1/webhooks`: subscribe a URL to events (the signing secret is in the answer, once), list,
/// disable, and read the delivery log.
struct WebhookController {
    let webhooks: any WebhookRepository
    let policy: WebhookTargetPolicy

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("webhooks", use: list)
        group.post("webhooks", use: create)
        group.delete("webhooks/{id}", use: disable)
        group.get("webhooks/{id}/deliveries", use: deliveries)
    }

    struct CreateJSON: Decodable {
        var url: String
        var events: [String]?
    }

    struct WebhookJSON: Encodable {
        var id: String
        var url: String
        var events: [String]
        var createdAt: Date
        var disabledAt: Date?
        var secret: String?

        enum CodingKeys: String, CodingKey {
            case id, url, events, createdAt = "created_at", disabledAt = "disabled_at", secret
        }

        init(_ webhook: Webhook, secret: String? = nil) {
            id = webhook.id
            url = webhook.url
            events = webhook.eventTypes
            createdAt = webhook.createdAt
            disabledAt = webhook.disabledAt
            self.secret = secret
        }
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(.ok, ["items": try await webhooks.webhooks().map { WebhookJSON($0) }])
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(CreateJSON.self, from: request, context: context)
        try policy.check(url: body.url)
        let (webhook, secret) = try await webhooks.create(url: body.url, eventTypes: body.events ?? [])
        return JSONResponse.make(.created, WebhookJSON(webhook, secret: secret))
    }

    @Sendable func disable(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await webhooks.disable(id: try context.parameters.require("id"))
        return Response(status: .noContent)
    }

    @Sendable func deliveries(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        return JSONResponse.make(.ok, ["items": try await webhooks.deliveries(webhookId: id, limit: 200)])
    }
}
