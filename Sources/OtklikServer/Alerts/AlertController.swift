import Foundation
import Hummingbird
import OtklikCore
import OtklikMetrics
import OtklikStore

/// `/api/v1/alerts`: the red-press alerts (newest first, `status=open` for those not yet closed, `location=CODE`,
/// `from`/`to`), one alert with its playbook, acknowledging (`POST …/{id}/acknowledge {"by"}`) and closing
/// (`POST …/{id}/close {"by", "action", "outcome"}`), and the time to reaction per location (`GET …/reaction`).
struct AlertController {
    let alerts: any AlertRepository
    let playbooks: any PlaybookRepository

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("alerts", use: list)
        group.get("alerts/reaction", use: reaction)
        group.get("alerts/{id}", use: one)
        group.post("alerts/{id}/acknowledge", use: acknowledge)
        group.post("alerts/{id}/close", use: close)
    }

    struct ListJSON: Encodable {
        var items: [RedPressAlert]
        /// The service standard's playbook of each event among the items.
        var playbooks: [String: Playbook]
    }

    struct OneJSON: Encodable {
        var alert: RedPressAlert
        var playbook: Playbook?
    }

    static func date(_ text: String?, field: String) throws -> Date? {
        guard let text, !text.isEmpty else { return nil }
        guard let date = Timestamp.parse(text) else { throw OtklikError.invalid(field, "\(field) is a date or an ISO time") }
        return date
    }

    func playbookTable(for events: Set<String>) async throws -> [String: Playbook] {
        var result: [String: Playbook] = [:]
        for event in events.sorted() { result[event] = try await playbooks.playbook(forEvents: [event]) }
        return result
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let status = query.get("status") ?? "all"
        guard status == "open" || status == "all" else { throw OtklikError.invalid("status", "status is open or all") }
        var locations: [String]?
        if let location = query.get("location"), !location.isEmpty {
            try Identifier.validate(location, field: "location")
            locations = [location]
        }
        var limit = 100
        if let text = query.get("limit") {
            guard let value = Int(text), (1...1000).contains(value) else { throw OtklikError.invalid("limit", "limit must be 1-1000") }
            limit = value
        }
        let from = try Self.date(query.get("from"), field: "from")
        let to = try Self.date(query.get("to"), field: "to")
        let items = try await alerts.alerts(
            locations: try context.visibleLocations(locations), openOnly: status == "open", from: from, to: to, limit: limit)
        return JSONResponse.make(.ok, ListJSON(items: items, playbooks: try await playbookTable(for: Set(items.map(\.event)))))
    }

    @Sendable func one(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let alert = try await visibleAlert(id, context: context)
        return JSONResponse.make(.ok, OneJSON(alert: alert, playbook: try await playbooks.playbook(forEvents: [alert.event])))
    }

    /// The alert when it exists and is at one of the caller's locations; 404 otherwise.
    func visibleAlert(_ id: String, context: AppRequestContext) async throws -> RedPressAlert {
        guard let alert = try await alerts.alert(id: id) else { throw OtklikError(.notFound, "no alert '\(id)'", field: "id") }
        try context.requireVisible(location: alert.location, "alert", id: id)
        return alert
    }

    struct ActionJSON: Decodable {
        var by: String?
        var action: String?
        var outcome: String?
    }

    @Sendable func acknowledge(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        _ = try await visibleAlert(id, context: context)
        let body = try await JSONBody.decode(ActionJSON.self, from: request, context: context)
        let alert = try await alerts.acknowledge(id: id, by: body.by ?? "", now: Date())
        return JSONResponse.make(.ok, alert)
    }

    @Sendable func close(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        _ = try await visibleAlert(id, context: context)
        let body = try await JSONBody.decode(ActionJSON.self, from: request, context: context)
        guard let outcome = body.outcome.flatMap(AlertOutcome.init(rawValue:)) else {
            throw OtklikError.invalid("outcome", "outcome is turned_round, not_turned_round or customer_gone")
        }
        let alert = try await alerts.close(id: id, by: body.by ?? "", action: body.action ?? "", outcome: outcome, now: Date())
        return JSONResponse.make(.ok, alert)
    }

    struct ReactionJSON: Encodable {
        var from: Date
        var to: Date
        var report: AlertReactionReport
    }

    @Sendable func reaction(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let period = try ReportPeriod.parse(from: query.get("from"), to: query.get("to"), defaultDays: 30, now: Date())
        let items = try await alerts.alerts(locations: try context.visibleLocations(nil), openOnly: false, from: period.from, to: period.to, limit: 100_000)
        return JSONResponse.make(.ok, ReactionJSON(from: period.from, to: period.to, report: AlertReactionReport(alerts: items)))
    }
}
