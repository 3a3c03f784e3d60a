import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// `GET /programmes/{code}/messages[?status=pending|sent|failed&page=N]`: a programme's messages, newest first, 50 to a
/// page. The address is masked (``RecipientMask``) for everyone: the page says that a message went out, not where.
struct ProgrammeMessagesPageController {
    let programmes: SQLProgrammeRepository
    let pages: PageRenderer
    let timeZone: TimeZone

    static let pageSize = 50

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("programmes/{code}/messages", use: show)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, text) = pages.text(for: request)
        let code = try context.parameters.require("code")
        guard let stored = try await programmes.programme(code: code) else { throw OtklikError(.notFound, "no programme '\(code)'", field: "code") }
        let status = try ProgrammeMessageStatusFilter.parse(request.uri.queryParameters.get("status").map { String($0) })
        let total = try await programmes.messageLines(programme: code, status: status, limit: 1).total
        let pageCount = max(1, (total + Self.pageSize - 1) / Self.pageSize)
        let pageNumber = min(max(1, request.uri.queryParameters.get("page").flatMap { Int($0) } ?? 1), pageCount)
        let offset = (pageNumber - 1) * Self.pageSize
        let lines = try await programmes.messageLines(programme: code, status: status, offset: offset, limit: Self.pageSize).lines
        let byStatus = try await programmes.messageCounts(programme: code)
        let counts = SQLProgrammeRepository.messageStatuses.map { (text["programme_message_status_\($0)"] ?? $0) + ": \(byStatus[$0] ?? 0)" }
        var page = ProgrammeMessagesPage(
            code: code, name: stored.programme.name,
            statusOptions: [SelectOption(code: "", label: text["all"] ?? "all", selected: status == nil)]
                + SQLProgrammeRepository.messageStatuses.map {
                    SelectOption(code: $0, label: text["programme_message_status_\($0)"] ?? $0, selected: status == $0)
                },
            lines: lines.map { line(for: $0, text: text) }, hasLines: !lines.isEmpty, total: total,
            range: total == 0 ? "0" : "\(offset + 1)–\(offset + lines.count)", pageNumber: pageNumber, pageCount: pageCount,
            paged: pageCount > 1, counts: counts.joined(separator: " · "),
            none: status == nil
                ? text["programme_messages_none_yet"] ?? "This programme has not sent any message yet."
                : text["programme_messages_none"] ?? "No messages with this status.")
        if pageNumber > 1 { page.previous = Self.link(code, status: status, page: pageNumber - 1) }
        if pageNumber < pageCount { page.next = Self.link(code, status: status, page: pageNumber + 1) }
        let title = stored.programme.name + ": " + (text["programme_messages"] ?? "messages")
        return pages.render("programme-messages", page: page, title: title, request: request, context: context)
    }

    func line(for line: ProgrammeMessageLine, text: [String: String]) -> ProgrammeMessagesPage.Line {
        let code = line.deliveryStatus ?? line.status
        var status = text["programme_message_status_\(code)"] ?? code
        if line.status == "pending", line.attempts > 0 {
            status = String(format: text["programme_message_retrying"] ?? "retrying (failed attempts: %d)", line.attempts)
        }
        return ProgrammeMessagesPage.Line(
            id: line.id, at: PageDate.moment(line.createdAt, timeZone: timeZone, text: text), customer: line.customer,
            channel: text["programme_channel_\(line.channel)"] ?? line.channel, recipient: line.recipientMasked, status: status,
            statusCode: code, attempts: line.attempts, sentAt: line.sentAt.map { PageDate.moment($0, timeZone: timeZone, text: text) })
    }

    static func link(_ code: String, status: String?, page: Int) -> String {
        var components = URLComponents()
        components.path = "/programmes/\(code)/messages"
        components.queryItems = (status.map { [URLQueryItem(name: "status", value: $0)] } ?? []) + [URLQueryItem(name: "page", value: String(page))]
        return components.string ?? components.path
    }
}
