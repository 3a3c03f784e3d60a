import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore
import OtklikStore

/// `/api/v1/cases`: list (filters `status`, `priority`, `kind`, `location`, `owner`, `overdue=true`), read one with its
/// history, act on it (`POST /api/v1/cases/{id}/actions`) or on many at once (`POST /api/v1/cases/bulk`: assign,
/// status, escalate or priority for a list of ids, all or nothing). Actions through an API key are recorded as `api:KEYNAME`.
/// A key limited to some locations assigns only their staff (422 naming `owner`, nothing changed).
struct CaseController {
    let cases: any CaseRepository
    let reference: any ReferenceRepository
    let schedule: CaseScheduleSource

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("cases", use: list)
        group.get("cases/{id}", use: get)
        group.post("cases/{id}/actions", use: act)
        group.post("cases/bulk", use: bulk)
    }

    /// `{"id": optional request id, "ids": [...], "action": "assign|status|escalate|priority", …the action's fields}`.
    struct BulkJSON: Decodable {
        var id: String?
        var ids: [String]
        var action: CaseActionJSON

        enum CodingKeys: String, CodingKey { case id, ids }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decodeIfPresent(String.self, forKey: .id)
            ids = try container.decode([String].self, forKey: .ids)
            action = try CaseActionJSON(from: decoder)
        }

        /// Only actions that make sense for many cases at once.
        func caseAction() throws(OtklikError) -> CaseAction {
            guard ["assign", "status", "escalate", "priority"].contains(action.action) else {
                throw .invalid("action", "a bulk action is assign, status, escalate or priority")
            }
            return try action.caseAction()
        }
    }

    @Sendable func bulk(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(BulkJSON.self, from: request, context: context)
        try await context.requireVisibleCases(body.ids, in: cases)
        let action = try body.caseAction()
        try await reference.requireAssignable(action, by: context)
        let result = try await cases.applyBulk(
            action, to: body.ids, actor: "api:\(context.apiKey?.name ?? "key")", now: Date(), schedule: try await schedule.current(),
            requestId: body.id)
        return JSONResponse.make(.ok, result)
    }

    static func filter(_ query: [String: String], now: Date) throws(OtklikError) -> CaseFilter {
        var filter = CaseFilter()
        for name in (query["status"] ?? "").split(separator: ",") where !name.isEmpty {
            guard let status = CaseStatus(rawValue: String(name)) else { throw .invalid("status", "unknown status '\(name)'") }
            filter.statuses.insert(status)
        }
        for name in (query["priority"] ?? "").split(separator: ",") where !name.isEmpty {
            guard let priority = CasePriority(rawValue: String(name)) else { throw .invalid("priority", "unknown priority '\(name)'") }
            filter.priorities.insert(priority)
        }
        for name in (query["kind"] ?? "").split(separator: ",") where !name.isEmpty {
            guard let kind = SLAPolicy.CaseType(rawValue: String(name)) else { throw .invalid("kind", "kind must be complaint, low_score or employee") }
            filter.kinds.insert(kind)
        }
        filter.location = query["location"].flatMap { $0.isEmpty ? nil : $0 }
        filter.owner = query["owner"].flatMap { $0.isEmpty ? nil : $0 }
        if query["overdue"] == "true" || query["overdue"] == "1" { filter.overdueAt = now }
        if let text = query["limit"] {
            guard let limit = Int(text), (1...1000).contains(limit) else { throw .invalid("limit", "limit must be 1-1000") }
            filter.limit = limit
        }
        return filter
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { _, last in last })
        let now = Date()
        let items = try await cases.cases(context.scoped(try Self.filter(query, now: now)))
        return JSONResponse.make(.ok, ["items": items.map { CaseJSON($0, now: now) }])
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let (item, events) = try await context.visibleCase(id, in: cases)
        return JSONResponse.make(.ok, CaseJSON(item, events: events))
    }

    @Sendable func act(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let action = try await JSONBody.decode(CaseActionJSON.self, from: request, context: context).caseAction()
        _ = try await context.visibleCase(id, in: cases)
        try await reference.requireAssignable(action, by: context)
        let updated = try await cases.apply(action, to: id, actor: "api:\(context.apiKey?.name ?? "key")", now: Date(), schedule: try await schedule.current())
        return JSONResponse.make(.ok, CaseJSON(updated))
    }
}
