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

    /// Notifications on one page of the list.
    static let pageSize = 50

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (language, text) = pages.text(for: request)
        let query = request.uri.queryParameters
        let unreadOnly = query.get("unread") == "1"
        let kind = query.get("kind").flatMap { NotificationKind(rawValue: String($0)) }
        let audience = Self.audience(of: context.user)
        let total = try await notifications.count(for: audience, unreadOnly: unreadOnly, kind: kind)
        let pageCount = max(1, (total + Self.pageSize - 1) / Self.pageSize)
        let pageNumber = min(max(1, query.get("page").flatMap { Int(String($0)) } ?? 1), pageCount)
        let offset = (pageNumber - 1) * Self.pageSize
        let items = try await notifications.notifications(for: audience, unreadOnly: unreadOnly, kind: kind, limit: Self.pageSize, offset: offset)
        let names = try await ReferenceNames.load(reference)
        let rows = items.map { item in
            let detail = Self.detail(item, names: names, text: text)
            return NotificationsPage.Row(
                id: item.id, title: text["notification_\(item.kind.rawValue)"] ?? item.kind.title(language),
                subject: item.caseId ?? item.problemId ?? "", href: item.href ?? "", detail: detail, hasDetail: !detail.isEmpty,
                at: PageDate.moment(item.createdAt, timeZone: timeZone, text: text), unread: item.readAt == nil)
        }
        // The digest: what is unread, grouped by kind, newest kind first; each group opens its own list.
        let digest = try await notifications.unreadByKind(for: audience)
            .sorted { $0.value.newest > $1.value.newest }
            .map { groupKind, group in
                NotificationsPage.DigestGroup(
                    kind: groupKind.rawValue, title: text["notification_\(groupKind.rawValue)"] ?? groupKind.title(language), count: group.count,
                    newest: PageDate.moment(group.newest, timeZone: timeZone, text: text), href: Self.link(unread: true, kind: groupKind, page: 1),
                    current: groupKind == kind)
            }
        var page = NotificationsPage(
            rows: rows, hasRows: !rows.isEmpty, unreadOnly: unreadOnly,
            linked: context.user?.staff.map { "\(names.name(.staff, $0, text: text)) (\($0))" } ?? "",
            isLinked: context.user?.staff != nil, unread: context.unreadNotifications ?? 0,
            digest: digest, hasDigest: !digest.isEmpty, total: total,
            range: total == 0 ? "0" : "\(offset + 1)–\(offset + items.count)",
            pageNumber: pageNumber, pageCount: pageCount, paged: pageCount > 1,
            allHref: Self.link(unread: false, kind: nil, page: 1), unreadHref: Self.link(unread: true, kind: nil, page: 1))
        page.kind = kind.map { NotificationsPage.Kind(code: $0.rawValue, title: text["notification_\($0.rawValue)"] ?? $0.title(language)) }
        if pageNumber > 1 { page.previous = Self.link(unread: unreadOnly, kind: kind, page: pageNumber - 1) }
        if pageNumber < pageCount { page.next = Self.link(unread: unreadOnly, kind: kind, page: pageNumber + 1) }
        page.done = query.get("done").flatMap { Int(String($0)) }
        return pages.render("notifications", page: page, titleKey: "notifications", request: request, context: context)
    }

    /// The list's address for a view and a page.
    static func link(unread: Bool, kind: NotificationKind?, page: Int) -> String {
        var components = URLComponents()
        components.path = "/notifications"
        var items: [URLQueryItem] = []
        if unread { items.append(URLQueryItem(name: "unread", value: "1")) }
        if let kind { items.append(URLQueryItem(name: "kind", value: kind.rawValue)) }
        if page > 1 { items.append(URLQueryItem(name: "page", value: String(page))) }
        components.queryItems = items.isEmpty ? nil : items
        return components.string ?? "/notifications"
    }

    /// The detail in the reader's words: a location's name, a resolution code's label.
    static func detail(_ item: AppNotification, names: ReferenceNames, text: [String: String]) -> String {
        guard let detail = item.detail, !detail.isEmpty else { return "" }
        switch item.kind {
        case .caseOpened, .caseAssigned, .caseSLAWarning, .caseBreached, .alertOpened:
            return names.name(.location, detail, text: text)
        case .caseResolved:
            let parts = detail.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let label = text["resolution_\(parts.first ?? "")"] ?? String(parts.first ?? "")
            return parts.count > 1 ? "\(label): \(parts[1])" : label
        case .problemOpened:
            let parts = detail.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            return parts.count > 1 ? "\(names.name(.location, parts[0], text: text)): \(parts[1])" : detail
        case .caseEscalated:
            return EscalationLine(detail)?.text(text, names: names) ?? detail
        }
    }

    struct FormJSON: Decodable {
        var id: String?
        var all: String?
        /// With `all`: only this kind.
        var kind: String?
    }

    @Sendable func markRead(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 16 * 1024)
        let form = try URLEncodedFormDecoder().decode(FormJSON.self, from: String(buffer: body))
        let audience = Self.audience(of: context.user)
        var marked = 0
        if form.all != nil, let kind = form.kind.flatMap(NotificationKind.init(rawValue:)) {
            marked = try await notifications.markAllRead(for: audience, kind: kind, at: Date())
        } else if form.all != nil {
            marked = try await notifications.markAllRead(for: audience, at: Date())
        } else if let id = form.id {
            marked = try await notifications.markRead(ids: [id], for: audience, at: Date())
        }
        return Response(status: .seeOther, headers: [.location: "/notifications?done=\(marked)"])
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
