import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore
import OtklikStore

/// `/api/v1/report-subscriptions`: who gets the monthly report by e-mail. `GET` lists them with their last mailing,
/// `POST` subscribes (`{"email", "location"?, "lang"?, "formats"?, "day"?}`; 201, or 200 with the existing
/// subscription when an identical one exists), `DELETE …/{id}` unsubscribes (204; 404 for an unknown id).
struct ReportSubscriptionController {
    let subscriptions: ReportSubscriptions
    let defaultLanguage: String

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("report-subscriptions", use: list)
        group.post("report-subscriptions", use: create)
        group.delete("report-subscriptions/{id}", use: remove)
    }

    struct CreateJSON: Decodable {
        var email: String
        var location: String?
        var lang: String?
        var formats: [String]?
        var day: Int?
    }

    struct SubscriptionJSON: Encodable {
        var id: String
        var email: String
        var location: String?
        var lang: String
        var formats: [String]
        var day: Int
        var createdAt: Date
        var lastMailing: MailingJSON?

        enum CodingKeys: String, CodingKey {
            case id, email, location, lang, formats, day, createdAt = "created_at", lastMailing = "last_mailing"
        }

        init(_ subscription: ReportSubscription, last: ReportMailing? = nil) {
            id = subscription.id
            email = subscription.email
            location = subscription.location
            lang = subscription.language
            formats = subscription.formats.map(\.rawValue)
            day = subscription.day
            createdAt = subscription.createdAt
            lastMailing = last.map(MailingJSON.init)
        }
    }

    struct MailingJSON: Encodable {
        var month: String
        var status: String
        var attempts: Int
        var lastError: String?
        var sentAt: Date?

        enum CodingKeys: String, CodingKey { case month, status, attempts, lastError = "last_error", sentAt = "sent_at" }

        init(_ mailing: ReportMailing) {
            month = mailing.month
            status = mailing.status
            attempts = mailing.attempts
            lastError = mailing.lastError
            sentAt = mailing.sentAt
        }
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        var items: [SubscriptionJSON] = []
        for subscription in try await subscriptions.list() {
            items.append(SubscriptionJSON(subscription, last: try await subscriptions.mailings(id: subscription.id).first))
        }
        return JSONResponse.make(.ok, ["items": items])
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(CreateJSON.self, from: request, context: context)
        let (subscription, created) = try await subscriptions.subscribe(
            email: body.email, location: body.location, language: body.lang ?? defaultLanguage, formats: body.formats ?? ["pdf", "xlsx"],
            day: body.day ?? 1)
        return JSONResponse.make(created ? .created : .ok, SubscriptionJSON(subscription))
    }

    @Sendable func remove(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await subscriptions.unsubscribe(id: try context.parameters.require("id"))
        return Response(status: .noContent)
    }
}
