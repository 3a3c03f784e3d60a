import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore

/// The dashboard's alerts that ask for action, beside the NPS shifts: open cases past their deadline, problems opened in
/// the period, and KPIs whose target is missed (the whole interval on the wrong side) — each with the page where to act.
/// A location's dashboard counts that location only.
struct ActionAlertFinder {
    let cases: any CaseRepository
    let problems: any ProblemRepository
    let names: ReferenceNames
    /// Reason code → label in the page's language (a problem's theme is a reason).
    let themes: [String: String]
    let text: [String: String]

    func find(_ filters: DashboardFilters, kpis: [DashboardPage.KPI], timeZone: TimeZone, now: Date = Date()) async throws -> [ActionAlert] {
        var alerts: [ActionAlert] = []
        var overdue = CaseFilter(statuses: Set(CaseStatus.allCases.filter(\.isOpen)), location: filters.location, overdueAt: now)
        overdue.scopeLocations = filters.scopeLocations
        overdue.limit = 1
        let count = try await cases.count(overdue)
        if count > 0 {
            var link = "/cases?overdue=1"
            if let location = filters.location { link += "&location=\(Self.encoded(location))" }
            alerts.append(ActionAlert(
                kind: "overdue-cases", text: (text["action_overdue_cases"] ?? "{n} open cases are past their deadline.").replacingOccurrences(of: "{n}", with: String(count)),
                link: link, linkText: text["action_overdue_cases_link"] ?? "Open the overdue cases"))
        }
        let from = DashboardFilters.start(of: filters.fromDay, in: timeZone), to = DashboardFilters.start(of: filters.toDay + 1, in: timeZone)
        let fresh = try await problems.problems(status: .open, locations: filters.scopeLocations).filter { problem in
            problem.openedAt >= from && problem.openedAt < to && (filters.location == nil || problem.location == filters.location)
        }.sorted { $0.openedAt > $1.openedAt }
        for problem in fresh.prefix(5) {
            alerts.append(ActionAlert(
                kind: "new-problem",
                text: (text["action_new_problem"] ?? "New problem at {location}: {theme}, opened {day}.")
                    .replacingOccurrences(of: "{location}", with: names.name(.location, problem.location, text: text))
                    .replacingOccurrences(of: "{theme}", with: themes[problem.theme] ?? problem.theme)
                    .replacingOccurrences(of: "{day}", with: LocalCalendar.label(day: LocalCalendar.day(of: problem.openedAt, in: timeZone))),
                link: "/problems/\(Self.encoded(problem.id))", linkText: text["action_new_problem_link"] ?? "Open the problem"))
        }
        if fresh.count > 5 {
            alerts.append(ActionAlert(
                kind: "new-problem", text: (text["action_more_problems"] ?? "{n} more new problems.").replacingOccurrences(of: "{n}", with: String(fresh.count - 5)),
                link: "/problems", linkText: text["action_problems_link"] ?? "All problems"))
        }
        for kpi in kpis {
            guard let target = kpi.target, target.status == "missed" else { continue }
            alerts.append(ActionAlert(
                kind: "below-target",
                text: (text["action_below_target"] ?? "{metric} {value} is below its target {goal} ({scope}), {gap}.")
                    .replacingOccurrences(of: "{metric}", with: kpi.label).replacingOccurrences(of: "{value}", with: kpi.value)
                    .replacingOccurrences(of: "{goal}", with: target.goal).replacingOccurrences(of: "{scope}", with: target.scope)
                    .replacingOccurrences(of: "{gap}", with: target.gap),
                link: filters.location == nil ? "/dissatisfaction" : "/cases?location=\(Self.encoded(filters.location ?? ""))",
                linkText: filters.location == nil ? text["action_below_target_link"] ?? "See why customers are dissatisfied" : text["action_below_target_cases"] ?? "Open this location's cases"))
        }
        return alerts
    }

    static func encoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+#"))) ?? value
    }
}
