import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// `/notifications`: the signed-in user's notifications (their staff member's, and the administrators' for an
/// administrator), newest first; each can be marked read, or all at once.
struct NotificationsController {
    let notifications: any NotificationRepository
    let reference: any ReferenceRepository
    let pages: PageRenderer
    let timeZone: TimeZone

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("notifications", use: list)
        group.post("notifications", use: markRead)
    }

    static func audience(of user: User?) -> NotificationAudience {
        .user(staff: user?.staff, isAdmin: user?.role == .admin)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = pages.localizer.language(for: request)
        let text = pages.localizer.table(language)
        let unreadOnly = request.uri.queryParameters.get("unread") == "1"
        let items = try await notifications.notifications(for: Self.audience(of: context.user), unreadOnly: unreadOnly, limit: 200)
        let names = try await ReferenceNames.load(reference)
        let formatter = DateFormatter()
        formatter.timeZone = timeZone
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        let rows: [[String: Any]] = items.map { item in
            [
                "id": item.id, "title": text["notification_\(item.kind.rawValue)"] ?? item.kind.title(language),
                "subject": item.caseId ?? item.problemId ?? "", "href": item.href ?? "", "detail": Self.detail(item, names: names, text: text),
                "hasDetail": !Self.detail(item, names: names, text: text).isEmpty,
                "at": formatter.string(from: item.createdAt), "unread": item.readAt == nil,
            ]
        }
        let page: [String: Any] = [
            "rows": rows, "hasRows": !rows.isEmpty, "unreadOnly": unreadOnly,
            "linked": context.user?.staff.map { "\(names.name(.staff, $0, text: text)) (\($0))" } ?? "",
            "isLinked": context.user?.staff != nil, "unread": context.unreadNotifications ?? 0,
        ]
        return pages.render("notifications", page: page, title: text["notifications"] ?? "Notifications", request: request, context: context)
    }

    /// The detail in the reader's words: a location's name, a resolution code's label.
    static func detail(_ item: AppNotification, names: ReferenceNames, text: [String: String]) -> String {
        guard let detail = item.detail, !detail.isEmpty else { return "" }
        switch item.kind {
        case .caseOpened, .caseAssigned, .caseSLAWarning, .caseBreached:
            return names.name(.location, detail, text: text)
        case .caseResolved:
            let parts = detail.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let label = text["resolution_\(parts.first ?? "")"] ?? String(parts.first ?? "")
            return parts.count > 1 ? "\(label): \(parts[1])" : label
        case .problemOpened:
            let parts = detail.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            return parts.count > 1 ? "\(names.name(.location, parts[0], text: text)): \(parts[1])" : detail
        case .caseEscalated:
            return detail
        }
    }

    struct FormJSON: Decodable {
        var id: String?
        var all: String?
    }

    @Sendable func markRead(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 16 * 1024)
        let form = try URLEncodedFormDecoder().decode(FormJSON.self, from: String(buffer: body))
        let audience = Self.audience(of: context.user)
        if form.all != nil {
            _ = try await notifications.markAllRead(for: audience, at: Date())
        } else if let id = form.id {
            _ = try await notifications.markRead(ids: [id], for: audience, at: Date())
        }
        return Response(status: .seeOther, headers: [.location: "/notifications"])
    }
}

/// Puts the signed-in user's unread notification count on the context, for the navigation.
struct NotificationCountMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let notifications: any NotificationRepository

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if context.user != nil {
            context.unreadNotifications = try? await notifications.unreadCount(for: NotificationsController.audience(of: context.user))
        }
        return try await next(request, context)
    }
}
