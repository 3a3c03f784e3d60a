import Foundation
import Hummingbird
import OtklikCore
import OtklikMetrics
import OtklikStore

/// `/alerts`: the staff page of red-press alerts. A signed-in staff member sees their location's alerts (others every
/// location, or `?location=CODE`); the open ones come first with the service standard's tasks and phrases, a button to
/// say someone is going to the customer and a form to close the alert with what was done. The page asks
/// `/alerts/live` every 2 seconds (``alerts.js``) and redraws the list when it changed. Below: the time to reaction
/// per location over the last 30 days.
struct AlertsPageController {
    let alerts: any AlertRepository
    let playbooks: any PlaybookRepository
    let reference: any ReferenceRepository
    let pages: PageRenderer
    let timeZone: TimeZone

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("alerts", use: page)
        group.get("alerts/live", use: live)
        group.post("alerts/{id}/acknowledge", use: acknowledge)
        group.post("alerts/{id}/close", use: close)
    }

    /// The locations the reader follows: `?location=` when given (another than a scoped user's own is 404), the linked
    /// staff member's location when the reader may see it, or all the reader may see (nil for the organisation).
    func locations(_ request: Request, context: AppRequestContext, staff: [Staff]) throws -> [String]? {
        if let location = request.uri.queryParameters.get("location"), !location.isEmpty {
            try Identifier.validate(location, field: "location")
            return try context.visibleLocations([location])
        }
        if let code = context.user?.staff, let location = staff.first(where: { $0.code == code })?.location,
            context.accessScope.allows(location: location) { return [location] }
        return try context.visibleLocations(nil)
    }

    func format(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "dd.MM.yyyy HH:mm:ss"
        return formatter.string(from: date)
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return total >= 3600 ? String(format: "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60) : String(format: "%d:%02d", total / 60, total % 60)
    }

    static func rating(_ alert: RedPressAlert, text: [String: String]) -> String {
        let parts = alert.rating.split(separator: " ")
        switch parts.first {
        case "button": return text["red_alert_rating_red"] ?? alert.rating
        case "nps": return "NPS \(parts.count > 1 ? String(parts[1]) : "")"
        case "csat": return "CSAT \(parts.count > 1 ? String(parts[1]) : "")"
        default: return alert.rating
        }
    }

    /// The list's view model: open alerts with their playbooks, then the last closed ones.
    func list(_ request: Request, context: AppRequestContext, language: String, text: [String: String]) async throws -> AlertsPage {
        let staff = try await reference.staff()
        let locations = try self.locations(request, context: context, staff: staff)
        let names = try await ReferenceNames.load(reference)
        let open = try await alerts.alerts(locations: locations, openOnly: true, from: nil, to: nil, limit: 200)
        let recent = try await alerts.alerts(locations: locations, openOnly: false, from: Date().addingTimeInterval(-86_400), to: nil, limit: 50)
            .filter { $0.closedAt != nil }.prefix(10)
        var cache: [String: Playbook?] = [:]
        var rows: [AlertsPage.OpenAlert] = []
        for alert in open {
            if cache[alert.event] == nil { cache[alert.event] = .some(try await playbooks.playbook(forEvents: [alert.event])) }
            let playbook = cache[alert.event] ?? nil
            rows.append(AlertsPage.OpenAlert(
                id: alert.id, location: names.name(.location, alert.location, text: text), rating: Self.rating(alert, text: text),
                opened: format(alert.openedAt), acknowledged: alert.acknowledgedAt != nil,
                acknowledgedBy: alert.acknowledgedBy.map { names.name(.staff, $0, text: text) } ?? "",
                acknowledgedAt: alert.acknowledgedAt.map(format) ?? "", staff: alert.staff.map { names.name(.staff, $0, text: text) },
                playbook: playbook.map {
                    AlertsPage.Guide(title: language == "en" ? $0.titleEn : $0.titleRu, tasks: $0.tasks, phrases: $0.phrases, hasPhrases: !$0.phrases.isEmpty)
                }))
        }
        let closed = recent.map { alert in
            AlertsPage.ClosedAlert(
                location: names.name(.location, alert.location, text: text), rating: Self.rating(alert, text: text), opened: format(alert.openedAt),
                closed: alert.closedAt.map(format) ?? "", by: alert.closedBy.map { names.name(.staff, $0, text: text) } ?? "",
                action: alert.action ?? "", outcome: text["red_alert_outcome_\(alert.outcome?.rawValue ?? "")"] ?? "",
                reaction: alert.reactionSeconds.map(Self.duration) ?? "")
        }
        let signature = open.map { "\($0.id):\($0.status)" }.joined(separator: ",") + "|" + recent.map(\.id).joined(separator: ",")
        var hash: UInt64 = 5381
        for byte in signature.utf8 { hash = hash &* 33 &+ UInt64(byte) }
        let single = locations.flatMap { $0.count == 1 ? $0[0] : nil }
        return AlertsPage(
            alerts: rows, hasAlerts: !rows.isEmpty, closed: closed, hasClosed: !closed.isEmpty, signature: String(hash, radix: 36), open: rows.count,
            announce: (text["red_alerts_announce"] ?? "%d").replacingOccurrences(of: "%d", with: String(rows.count)),
            outcomes: AlertOutcome.allCases.map { AlertsPage.Outcome(code: $0.rawValue, label: text["red_alert_outcome_\($0.rawValue)"] ?? $0.rawValue) },
            locationName: single.map { names.name(.location, $0, text: text) },
            query: single.map { "?location=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } ?? "")
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = pages.localizer.language(for: request)
        let text = pages.localizer.table(language)
        var model = try await list(request, context: context, language: language, text: text)
        let names = try await ReferenceNames.load(reference)
        let reactions = AlertReactionReport(alerts: try await alerts.alerts(
            locations: try context.visibleLocations(nil), openOnly: false, from: Date().addingTimeInterval(-30 * 86_400), to: nil, limit: 100_000))
        model.reaction = (reactions.rows + (reactions.rows.count > 1 ? [reactions.overall] : [])).map { row in
            AlertsPage.Reaction(
                location: row.location == "*" ? (text["red_alerts_all_locations"] ?? "*") : names.name(.location, row.location, text: text),
                opened: row.opened, n: row.n, unanswered: row.unanswered, median: row.medianSeconds.map(Self.duration) ?? "—",
                interval: row.interval.map { "\(Self.duration($0.low))–\(Self.duration($0.high))" } ?? (text["red_alerts_interval_small_n"] ?? "—"),
                turned: row.outcomes[AlertOutcome.turnedRound.rawValue] ?? 0)
        }
        model.hasReaction = !reactions.rows.isEmpty
        return pages.render("alerts", page: model, title: text["red_alerts_title"] ?? "Red-button alerts", request: request, context: context)
    }

    @Sendable func live(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = pages.localizer.language(for: request)
        let text = pages.localizer.table(language)
        let model = try await list(request, context: context, language: language, text: text)
        return pages.render("alerts-live", page: model, title: "", request: request, context: context)
    }

    struct FormJSON: Decodable {
        var action: String?
        var outcome: String?
    }

    /// Back to the list the form was on (`?location=` kept).
    static func back(_ request: Request, anchor: String = "") -> String {
        guard let location = request.uri.queryParameters.get("location"), !location.isEmpty,
            let encoded = location.addingPercentEncoding(withAllowedCharacters: .alphanumerics)
        else { return "/alerts" + anchor }
        return "/alerts?location=\(encoded)" + anchor
    }

    /// 404 for an alert that does not exist or is at a location the reader may not see.
    func requireVisible(_ id: String, context: AppRequestContext) async throws {
        guard let alert = try await alerts.alert(id: id) else { throw OtklikError(.notFound, "no alert '\(id)'", field: "id") }
        try context.requireVisible(location: alert.location, "alert", id: id)
    }

    func who(_ context: AppRequestContext) throws -> String {
        guard let user = context.user else { throw OtklikError(.unauthorized, "sign in first") }
        return user.staff ?? user.username
    }

    @Sendable func acknowledge(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        try await requireVisible(id, context: context)
        _ = try await alerts.acknowledge(id: id, by: try who(context), now: Date())
        return Response(status: .seeOther, headers: [.location: Self.back(request, anchor: "#alert-\(id)")])
    }

    @Sendable func close(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        try await requireVisible(id, context: context)
        let body = try await request.body.collect(upTo: 64 * 1024)
        let form = try URLEncodedFormDecoder().decode(FormJSON.self, from: String(buffer: body))
        guard let outcome = form.outcome.flatMap(AlertOutcome.init(rawValue:)) else {
            throw OtklikError.invalid("outcome", "outcome is turned_round, not_turned_round or customer_gone")
        }
        _ = try await alerts.close(id: id, by: try who(context), action: form.action ?? "", outcome: outcome, now: Date())
        return Response(status: .seeOther, headers: [.location: Self.back(request)])
    }
}
