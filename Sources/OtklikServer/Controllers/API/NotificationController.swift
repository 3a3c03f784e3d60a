import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// `/api/v1/notifications`: the in-app notifications of one staff member (`recipient=CODE`), of the administrators
/// (`recipient=admins`) or of everyone, newest first with the unread count; `POST …/read` marks some
/// (`{"ids": [...]}`) or all of a recipient's (`{"recipient": "S013", "all": true}`) read. Marking is idempotent.
/// A key limited to some locations reads and marks the notifications of the staff at them (a staff member's service
/// point is `staff.location`): "everyone" is those; another staff member or the administrators is 403 naming `recipient`.
struct NotificationController {
    let notifications: any NotificationRepository
    let reference: any ReferenceRepository

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("notifications", use: list)
        group.post("notifications/read", use: markRead)
    }

    static func audience(_ recipient: String?) throws(OtklikError) -> NotificationAudience {
        guard let recipient, !recipient.isEmpty else { return .everyone }
        if recipient == "admins" { return .user(staff: nil, isAdmin: true) }
        try Identifier.validate(recipient, field: "recipient")
        return .staff(recipient)
    }

    /// ``audience(_:)`` within the caller's scope: the organisation's as asked; a scoped caller's "everyone" is its
    /// locations' staff, a staff member at another location or the administrators 403 naming `recipient`.
    func audience(_ recipient: String?, context: AppRequestContext) async throws -> NotificationAudience {
        let asked = try Self.audience(recipient)
        guard let locations = context.accessScope.locationCodes else { return asked }
        let who = context.principal?.kind == .apiKey ? "API key" : "user"
        switch asked {
        case .everyone: return .staffAt(locations: locations)
        case .staff(let code):
            let location = try await reference.staff().first { $0.code == code }?.location
            guard context.accessScope.allows(location: location) else {
                throw OtklikError(.forbidden, "'\(code)' is not a member of staff at the locations of this \(who)", field: "recipient")
            }
            return asked
        case .user, .staffAt:
            throw OtklikError(
                .forbidden, "the administrators' notifications concern the whole organisation; this \(who) reads those of its locations' staff",
                field: "recipient")
        }
    }

    struct ListJSON: Encodable {
        var items: [AppNotification]
        var unread: Int
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let audience = try await audience(query.get("recipient"), context: context)
        var limit = 50
        if let text = query.get("limit") {
            guard let value = Int(text), (1...1000).contains(value) else { throw OtklikError.invalid("limit", "limit must be 1-1000") }
            limit = value
        }
        let unreadOnly = query.get("unread") == "true" || query.get("unread") == "1"
        let items = try await notifications.notifications(for: audience, unreadOnly: unreadOnly, limit: limit)
        return JSONResponse.make(.ok, ListJSON(items: items, unread: try await notifications.unreadCount(for: audience)))
    }

    struct ReadJSON: Decodable {
        var ids: [String]?
        var recipient: String?
        var all: Bool?
    }

    @Sendable func markRead(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(ReadJSON.self, from: request, context: context)
        let audience = try await audience(body.recipient, context: context)
        let now = Date()
        let marked: Int
        if body.all == true {
            guard body.recipient != nil else { throw OtklikError.invalid("recipient", "name the recipient whose notifications are all read") }
            marked = try await notifications.markAllRead(for: audience, at: now)
        } else {
            guard let ids = body.ids, !ids.isEmpty else { throw OtklikError.invalid("ids", "give the ids to mark read, or all: true with a recipient") }
            marked = try await notifications.markRead(ids: ids, for: audience, at: now)
        }
        return JSONResponse.make(.ok, ["read": marked, "unread": try await notifications.unreadCount(for: audience)])
    }
}
