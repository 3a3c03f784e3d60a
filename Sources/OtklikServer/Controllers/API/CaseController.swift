import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// `/api/v1/cases`: list (filters `status`, `location`, `owner`, `overdue=true`), read one with its history,
/// and act on it (`POST /api/v1/cases/{id}/actions`). Actions through an API key are recorded as `api:KEYNAME`.
struct CaseController {
    let cases: any CaseRepository
    let schedule: CaseScheduleSource

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("cases", use: list)
        group.get("cases/{id}", use: get)
        group.post("cases/{id}/actions", use: act)
    }

    static func filter(_ query: [String: String], now: Date) throws(OtklikError) -> CaseFilter {
        var filter = CaseFilter()
        for name in (query["status"] ?? "").split(separator: ",") where !name.isEmpty {
            guard let status = CaseStatus(rawValue: String(name)) else { throw .invalid("status", "unknown status '\(name)'") }
            filter.statuses.insert(status)
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
        let items = try await cases.cases(try Self.filter(query, now: now))
        return JSONResponse.make(.ok, ["items": items.map { CaseJSON($0, now: now) }])
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let (item, events) = try await cases.get(id: id) else { throw OtklikError(.notFound, "no case '\(id)'", field: "id") }
        return JSONResponse.make(.ok, CaseJSON(item, events: events))
    }

    @Sendable func act(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let action = try await JSONBody.decode(CaseActionJSON.self, from: request).caseAction()
        let updated = try await cases.apply(action, to: id, actor: "api:\(context.apiKey?.name ?? "key")", now: Date(), schedule: try await schedule.current())
        return JSONResponse.make(.ok, CaseJSON(updated))
    }
}
