import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// `/api/v1/problems`: repeated incidents found in the cases; read one with its cases and, once fixed, the
/// before/after check; act on it (owner, root cause, action plan, fixed, close). A caller limited to some locations
/// reads and acts on the problems at theirs (another's 404) and names as owner only their locations' staff (422 naming
/// `owner` otherwise, nothing written).
struct ProblemController {
    let problems: any ProblemRepository
    let reference: any ReferenceRepository
    let rule: ProblemRule

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("problems", use: list)
        group.get("problems/{id}", use: get)
        group.post("problems/{id}/actions", use: act)
    }

    struct ProblemJSON: Encodable {
        var id: String
        var location: String
        var theme: String
        var status: String
        var openedAt: Date
        var owner: String?
        var rootCause: String?
        var actionPlan: String?
        var fixedAt: Date?
        var closedAt: Date?
        var cases: [String]?
        var verification: ProblemVerification?

        enum CodingKeys: String, CodingKey {
            case id, location, theme, status, openedAt = "opened_at", owner, rootCause = "root_cause", actionPlan = "action_plan"
            case fixedAt = "fixed_at", closedAt = "closed_at", cases, verification
        }

        init(_ problem: Problem, cases: [String]? = nil, verification: ProblemVerification? = nil) {
            id = problem.id
            location = problem.location
            theme = problem.theme
            status = problem.status.rawValue
            openedAt = problem.openedAt
            owner = problem.owner
            rootCause = problem.rootCause
            actionPlan = problem.actionPlan
            fixedAt = problem.fixedAt
            closedAt = problem.closedAt
            self.cases = cases
            self.verification = verification
        }
    }

    struct ActionJSON: Decodable {
        var action: String
        var owner: String?
        var text: String?

        func problemAction() throws(OtklikError) -> ProblemAction {
            switch action {
            case "assign": return .assign(owner: owner ?? "")
            case "root_cause": return .rootCause(text ?? "")
            case "action_plan": return .actionPlan(text ?? "")
            case "fixed": return .markFixed
            case "close": return .close
            default: throw .invalid("action", "action must be assign, root_cause, action_plan, fixed or close")
            }
        }
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        var status: Problem.Status?
        if let text = request.uri.queryParameters["status"], !text.isEmpty {
            guard let parsed = Problem.Status(rawValue: String(text)) else { throw OtklikError.invalid("status", "status must be open, fixed or closed") }
            status = parsed
        }
        return JSONResponse.make(.ok, ["items": try await problems.problems(status: status, visibleTo: context).map { ProblemJSON($0) }])
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let (problem, cases, verification) = try await problems.visible(id: id, rule: rule, now: Date(), context: context)
        return JSONResponse.make(.ok, ProblemJSON(problem, cases: cases, verification: verification))
    }

    @Sendable func act(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let action = try await JSONBody.decode(ActionJSON.self, from: request, context: context).problemAction()
        _ = try await problems.visible(id: id, rule: rule, now: Date(), context: context)
        try await reference.requireAssignable(action, by: context)
        return JSONResponse.make(.ok, ProblemJSON(try await problems.apply(action, to: id, actor: "api:\(context.apiKey?.name ?? "key")", now: Date())))
    }
}
