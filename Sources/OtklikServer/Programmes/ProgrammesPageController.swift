import Foundation
import Hummingbird
import OtklikCore
import OtklikMetrics
import OtklikStore

/// `/programmes`: the programmes and their reports against the hold-out; `POST /programmes/{code}/pause` and `…/resume`
/// (admins and managers; the CSRF token is in every rendered form).
struct ProgrammesPageController {
    let programmes: SQLProgrammeRepository
    let pages: PageRenderer

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("programmes", use: list)
        group.post("programmes/{code}/pause", use: pause)
        group.post("programmes/{code}/resume", use: resume)
    }

    /// A value on the outcome's scale: percent for a proportion, NPS points, the currency for revenue and CLV.
    static func value(_ value: Double?, outcome: ProgrammeOutcome) -> String {
        guard let value else { return "—" }
        switch outcome {
        case .retention, .complaints: return String(format: "%.1f %%", value)
        case .nps: return String(format: "%.1f", value)
        case .revenue, .clv: return String(format: "%.0f", value)
        }
    }

    /// The unit of an effect: percentage points, NPS points, or none (revenue and CLV are in the currency).
    static func unit(_ outcome: ProgrammeOutcome, text: [String: String]) -> String {
        switch outcome {
        case .retention, .complaints: " " + (text["programme_unit_pp"] ?? "pp")
        case .nps: " " + (text["programme_unit_nps"] ?? "NPS points")
        case .revenue, .clv: ""
        }
    }

    static func effect(_ report: ProgrammeReport, text: [String: String]) -> String {
        guard let effect = report.effect, let low = report.ciLow, let high = report.ciHigh else { return "—" }
        let digits = report.outcome == .revenue || report.outcome == .clv ? 0 : 1
        return String(format: "%+.\(digits)f [%.\(digits)f; %.\(digits)f]", effect, low, high) + unit(report.outcome, text: text)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = pages.localizer.language(for: request)
        let text = pages.localizer.table(language)
        var rows: [ProgrammesPage.Row] = []
        for stored in try await programmes.programmes() {
            let programme = stored.programme
            let report = try await programmes.report(code: programme.code)
            let summary = try await ProgrammeSummaryJSON.make(stored, repository: programmes)
            let status = try await programmes.programme(code: programme.code)?.programme.status ?? programme.status
            rows.append(ProgrammesPage.Row(
                code: programme.code, name: programme.name,
                trigger: ProgrammeTriggerText.describe(programme, text: text),
                outcome: (text["programme_outcome_\(programme.outcome.rawValue)"] ?? programme.outcome.rawValue) + " · \(programme.outcomeDays) "
                    + (text["programme_days"] ?? "days"),
                status: text["programme_status_\(status.rawValue)"] ?? status.rawValue, active: status == .active,
                statusReason: stored.statusReason.map { text["programme_reason_\($0)"] ?? $0 },
                treatedN: report.treated.n, holdoutN: report.holdout.n,
                treatedValue: Self.value(report.treated.value, outcome: programme.outcome), holdoutValue: Self.value(report.holdout.value, outcome: programme.outcome),
                effect: Self.effect(report, text: text), pValue: report.pValue.map { $0 < 0.001 ? "< 0.001" : String(format: "%.3f", $0) } ?? "—",
                mde: summary.mde.map { String(format: programme.outcome == .revenue || programme.outcome == .clv ? "%.0f" : "%.1f", $0) + Self.unit(programme.outcome, text: text) } ?? "—", harmful: report.harmful,
                action: (text["programme_action_\(programme.action.kind.rawValue)"] ?? programme.action.kind.rawValue)
                    + " (" + programme.action.channels.map { text["programme_channel_\($0)"] ?? $0 }.joined(separator: ", ") + ")",
                uptake: report.uptake.map { Self.uptake($0, text: text) }))
        }
        let page = ProgrammesPage(rows: rows, hasRows: !rows.isEmpty, canAct: context.permits(.changeConfiguration))
        return pages.render("programmes", page: page, title: text["programmes"] ?? "Programmes", request: request, context: context)
    }

    /// "12 of 40 followed: 30.0 % [18.1; 45.4]" (Wilson 95 %); "0 sent yet" before any offer went out.
    static func uptake(_ uptake: ProgrammeUptake, text: [String: String]) -> String {
        guard let rate = uptake.rate, let low = uptake.ciLow, let high = uptake.ciHigh else { return text["programme_uptake_none"] ?? "—" }
        let counts = (text["programme_uptake_counts"] ?? "%d of %d followed")
        return String(format: counts, uptake.clicked, uptake.offered) + String(format: ": %.1f %% [%.1f; %.1f]", rate, low, high)
    }

    @Sendable func pause(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await change(request, context: context, to: .paused)
    }

    @Sendable func resume(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await change(request, context: context, to: .active)
    }

    func change(_ request: Request, context: AppRequestContext, to status: ProgrammeStatus) async throws -> Response {
        guard let user = context.user, user.role != .viewer else { throw OtklikError(.forbidden, "viewers cannot pause or resume programmes") }
        let code = try context.parameters.require("code")
        try await programmes.setStatus(code: code, status, reason: status == .paused ? "manual" : nil)
        return Response(status: .seeOther, headers: [.location: "/programmes"])
    }
}
