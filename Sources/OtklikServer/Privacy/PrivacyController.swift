import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// Personal data over the API: `GET /api/v1/customers/{id}/export` (everything held about the customer,
/// ``PersonalDataExport``, for a key limited to some locations the records there only; audited by
/// ``PersonalDataAuditMiddleware``), `POST /api/v1/customers/{id}/erase` (the
/// erasure; audited) and `GET /api/v1/audit` (the audit log: `actor`, `action`, `customer`, `since`, `until` (ISO
/// times), `offset`, `limit`; newest first). API keys are the operator's credentials (`otklik apikey create` on the
/// server): every key may read the log.
struct PrivacyController {
    let database: AppDatabase
    var audit: SQLAuditLog { SQLAuditLog(database: database.sql) }

    func addRoutes(customers group: RouterGroup<AppRequestContext>, api: RouterGroup<AppRequestContext>) {
        group.get("customers/{id}/export", use: export)
        group.post("customers/{id}/erase", use: erase)
        api.get("audit", use: list)
    }

    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        // A caller limited to some locations exports only the records there, and of a customer with a record there only.
        guard let export = try await PersonalDataExport.load(id, database: database.sql, locations: context.accessScope.locationCodes) else {
            throw OtklikError(.notFound, "no such customer", field: "id")
        }
        return JSONResponse.make(.ok, export)
    }

    @Sendable func erase(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let erased = try await database.customerErasure.erase(id)
        try await audit.record("erase", by: PersonalDataAuditMiddleware.actor(context), customer: id, detail: .erased(customers: erased))
        return JSONResponse.make(.ok, ["erased": erased])
    }

    struct AuditPage: Encodable {
        var items: [AuditEntry]
        var total: Int
        var offset: Int
        var limit: Int
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = request.uri.queryParameters
        func text(_ name: String) -> String? { parameters[Substring(name)].map(String.init).flatMap { $0.isEmpty ? nil : $0 } }
        func time(_ name: String) throws -> Date? {
            guard let value = text(name) else { return nil }
            guard let date = Timestamp.parse(value) else { throw OtklikError.invalid(name, "\(name) must be an ISO-8601 time such as 2026-12-01T00:00:00Z") }
            return date
        }
        if let action = text("action"), !AuditEntry.actions.contains(action) {
            throw OtklikError.invalid("action", "action is one of " + AuditEntry.actions.joined(separator: ", "))
        }
        let offset = try CustomerController.integer(text("offset"), name: "offset", default: 0, range: 0...10_000_000)
        let limit = try CustomerController.integer(text("limit"), name: "limit", default: 100, range: 1...1000)
        let filter = AuditFilter(
            actor: text("actor"), action: text("action"), subjectId: text("customer"), since: try time("since"), until: try time("until"),
            offset: offset, limit: limit)
        let (entries, total) = try await audit.list(filter)
        return JSONResponse.make(.ok, AuditPage(items: entries, total: total, offset: offset, limit: limit))
    }
}
