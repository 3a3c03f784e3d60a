import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// `/problems` and `/problems/{id}`: repeated incidents with their cases, owner, root cause, action plan, fix and
/// the check that the incidents stopped. Viewers read; admins and managers act.
struct ProblemsController {
    let problems: any ProblemRepository
    let reasons: any ReasonRepository
    let reference: any ReferenceRepository
    let rule: ProblemRule
    let pages: PageRenderer
    let timeZone: TimeZone

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("problems", use: list)
        group.get("problems/{id}", use: detail)
        group.post("problems/{id}", use: act)
    }

    func format(_ date: Date, _ text: [String: String]) -> String { PageDate.moment(date, timeZone: timeZone, text: text) }

    func themeLabels(_ language: String) async throws -> [String: String] {
        Dictionary(try await reasons.reasons().map { ($0.code, $0.label(language)) }, uniquingKeysWith: { first, _ in first })
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (language, text) = pages.text(for: request)
        let chosen = request.uri.queryParameters.get("status").flatMap(Problem.Status.init(rawValue:))
        let names = try await ReferenceNames.load(reference)
        let themes = try await themeLabels(language)
        let rows = try await problems.problems(status: chosen, visibleTo: context).map { problem in
            ProblemsPage.Row(
                id: problem.id, href: "/problems/\(problem.id)", location: names.name(.location, problem.location, text: text),
                theme: themes[problem.theme] ?? problem.theme, status: text["problem_status_\(problem.status.rawValue)"] ?? problem.status.rawValue,
                opened: format(problem.openedAt, text), owner: problem.owner.map { names.name(.staff, $0, text: text) } ?? (text["case_unassigned"] ?? "—"))
        }
        let statusOptions = [SelectOption(code: "", label: text["all"] ?? "", selected: chosen == nil)]
            + Problem.Status.allCases.map { SelectOption(code: $0.rawValue, label: text["problem_status_\($0.rawValue)"] ?? $0.rawValue, selected: $0 == chosen) }
        let page = ProblemsPage(
            rows: rows, hasRows: !rows.isEmpty, count: rows.count, statusOptions: statusOptions, rule: "\(rule.threshold) / \(rule.windowDays)")
        return pages.render("problems", page: page, titleKey: "problems", request: request, context: context)
    }

    @Sendable func detail(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderDetail(request, context: context, error: nil)
    }

    func renderDetail(_ request: Request, context: AppRequestContext, error: OtklikError?) async throws -> Response {
        let (language, text) = pages.text(for: request)
        let id = try context.parameters.require("id")
        let (problem, cases, verification) = try await problems.visible(id: id, rule: rule, now: Date(), context: context)
        let names = try await ReferenceNames.load(reference)
        let themes = try await themeLabels(language)
        var page = ProblemPage(
            id: problem.id, location: names.name(.location, problem.location, text: text), theme: themes[problem.theme] ?? problem.theme,
            status: text["problem_status_\(problem.status.rawValue)"] ?? problem.status.rawValue, opened: format(problem.openedAt, text),
            owner: problem.owner.map { names.name(.staff, $0, text: text) } ?? (text["case_unassigned"] ?? "—"),
            rootCause: problem.rootCause ?? "", actionPlan: problem.actionPlan ?? "", isOpen: problem.status == .open,
            isClosed: problem.status == .closed, canAct: context.permits(.workCases),
            cases: cases.map { ProblemPage.CaseLink(id: $0, href: "/cases/\($0)") }, caseCount: cases.count,
            staffOptions: try await reference.ownerCodes(names, by: context).map { SelectOption(code: $0, label: names.name(.staff, $0, text: text), selected: $0 == problem.owner) })
        page.fixed = problem.fixedAt.map { format($0, text) }
        page.closed = problem.closedAt.map { format($0, text) }
        if let verification {
            let verdict = verification.pending ? "problem_verdict_pending" : verification.stopped ? "problem_verdict_stopped" : "problem_verdict_not_stopped"
            page.verification = ProblemPage.Verification(
                before: verification.before, after: verification.after, days: verification.windowDays,
                p: String(format: "%.3f", verification.pValue), verdict: text[verdict] ?? verdict, stopped: verification.stopped)
        }
        page.error = error.map { ErrorText.message($0, text: text, language: language) }
        return pages.render("problem", page: page, title: "\(text["problem"] ?? "Problem") \(problem.id)", request: request, context: context,
                            status: error == nil ? .ok : .unprocessableContent)
    }

    struct FormJSON: Decodable {
        var action: String
        var owner: String?
        var text: String?
    }

    @Sendable func act(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = context.user, user.role != .viewer else { throw OtklikError(.forbidden, "viewers cannot change problems") }
        let id = try context.parameters.require("id")
        _ = try await problems.visible(id: id, rule: rule, now: Date(), context: context)
        let body = try await request.body.collect(upTo: 64 * 1024)
        let form = try URLEncodedFormDecoder().decode(FormJSON.self, from: String(buffer: body))
        do {
            let action = try ProblemController.ActionJSON(action: form.action, owner: form.owner, text: form.text).problemAction()
            try await reference.requireAssignable(action, by: context)
            _ = try await problems.apply(action, to: id, actor: user.username, now: Date())
        } catch let error as OtklikError where error.code == .invalidInput {
            return try await renderDetail(request, context: context, error: error)
        }
        return Response(status: .seeOther, headers: [.location: "/problems/\(id)"])
    }
}
