import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// `/audit` (administrators: `read_audit`, ``RoutePermissions/pages``): the audit log of personal data as a page
/// (``AuditLogPage``) — the entries of `GET /api/v1/audit`, newest first, filtered by customer id (`customer`), who
/// (`actor`, as stored: `user:NAME`, `api:KEY NAME`), action and period (`from`, `to`: days in the organisation's time
/// zone, both included), paged by `offset` as the API is. Reading the log is not itself audited.
struct AuditPageController {
    let audit: SQLAuditLog
    let access: any AccessRepository
    let pages: PageRenderer
    let timeZone: TimeZone

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("audit", use: list)
    }

    /// The filters of the request, checked: a day that is not `yyyy-MM-dd`, an unknown action or an offset out of range
    /// is refused naming the field.
    static func filter(_ query: [String: String], timeZone: TimeZone) throws(OtklikError) -> (AuditLogPage.Filters, AuditFilter) {
        func value(_ name: String) -> String { (query[name] ?? "").trimmingCharacters(in: .whitespaces) }
        let filters = AuditLogPage.Filters(customer: value("customer"), actor: value("actor"), action: value("action"), from: value("from"), to: value("to"))
        func day(_ name: String, _ text: String) throws(OtklikError) -> Date? {
            guard !text.isEmpty else { return nil }
            guard text.count == 10, let date = Timestamp.parse(text, dateOnlyZone: timeZone) else {
                throw .invalid(name, "\(name) must be a day such as 2026-12-01")
            }
            return date
        }
        if !filters.action.isEmpty, !AuditEntry.actions.contains(filters.action) {
            throw .invalid("action", "action is one of " + AuditEntry.actions.joined(separator: ", "))
        }
        let since = try day("from", filters.from)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let until = try day("to", filters.to).flatMap { calendar.date(byAdding: .day, value: 1, to: $0) }
        if let since, let until, until <= since { throw .invalid("to", "to must not be before from") }
        guard let offset = Int(value("offset").isEmpty ? "0" : value("offset")), (0...10_000_000).contains(offset) else {
            throw .invalid("offset", "offset must be a whole number from 0 to 10000000")
        }
        let filter = AuditFilter(
            actor: filters.actor.isEmpty ? nil : filters.actor, action: filters.action.isEmpty ? nil : filters.action,
            subjectId: filters.customer.isEmpty ? nil : filters.customer, since: since, until: until, offset: offset, limit: AuditLogPage.pageSize)
        return (filters, filter)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, text) = pages.text(for: request)
        var query: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
        let (filters, filter) = try Self.filter(query, timeZone: timeZone)
        let (entries, total) = try await audit.list(filter)
        let customers = Set(entries.filter { $0.subjectKind == "customer" }.compactMap(\.subjectId))
        let page = AuditLogPage.make(
            entries: entries, total: total, offset: filter.offset, filters: filters, actors: try await audit.actors(),
            heldCustomers: try await audit.heldCustomers(customers), users: Set(try await access.users().map(\.username)), text: text,
            timeZone: timeZone)
        return pages.render("audit", page: page, title: text["audit_title"] ?? "Audit log", request: request, context: context)
    }
}
