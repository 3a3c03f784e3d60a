import Foundation
import Hummingbird
import OtklikCore
import OtklikMetrics
import OtklikStore

/// The customer's status link for a complaint case (issue 19 item 6), sent by a programme's message with
/// `{status_link}`: `GET /status/{token}` shows the case's public status and dates (nothing the customer did not
/// already know, no names or text); once the case is resolved `POST /status/{token}` records their one answer, how
/// satisfied they are with the resolution (CSAT 1-5), once. No login: the unguessable token is the key.
/// `POST /api/v1/cases/{id}/status-link` makes a link for another system to send.
struct CaseStatusController {
    let links: SQLCaseStatusLinks
    let cases: any CaseRepository
    let pages: PageRenderer
    let publicURL: String?
    /// The organisation's zone: the days the page shows are its days.
    let timeZone: TimeZone

    func addRoutes(to router: Router<AppRequestContext>, api: RouterGroup<AppRequestContext>) {
        router.get("status/{token}", use: show)
        // The rating form refuses a cross-site post (the browser's Sec-Fetch-Site or Origin), as the dashboard's forms do.
        router.group().add(middleware: CSRFMiddleware(publicURL: publicURL)).post("status/{token}", use: rate)
        api.post("cases/{id}/status-link", use: createLink)
    }

    struct LinkJSON: Encodable {
        var statusURL: String
        enum CodingKeys: String, CodingKey { case statusURL = "status_url" }
    }

    /// `POST /api/v1/cases/{id}/status-link`: a new status link for a customer's case, for another system (a CRM, a
    /// contact centre) to give the customer; every call makes a new link, and every link shows the same case. A key
    /// limited to some locations makes links for the cases it sees: another location's case is 404, as one that does
    /// not exist.
    @Sendable func createLink(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        if !context.accessScope.isOrganisation { _ = try await context.visibleCase(id, in: cases) }
        let token = try await links.create(caseID: id)
        let base = publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? ""
        return JSONResponse.make(.created, LinkJSON(statusURL: base + "/status/" + token))
    }

    /// A day as the customer's page writes it (`5 дек. 2026`, `5 Dec 2026`), in the organisation's zone.
    static func day(_ date: Date, _ zone: TimeZone, text: [String: String]) -> String {
        PageDate.day(LocalCalendar.label(day: LocalCalendar.day(of: date, in: zone)), text: text)
    }

    func page(_ view: CaseStatusView, text: [String: String], error: String?, now: Date = Date()) -> CaseStatusPage {
        CaseStatusPage(
            status: text["case_status_public_\(view.status.rawValue)"] ?? view.status.rawValue, opened: Self.day(view.openedAt, timeZone, text: text),
            due: Self.day(view.dueAt, timeZone, text: text), resolved: view.resolvedAt.map { Self.day($0, timeZone, text: text) }, isOpen: view.status.isOpen, overdue: view.status.isOpen && view.dueAt < now, asksForRating: view.asksForRating,
            rating: view.rating.map { text["case_status_csat_\($0)"] ?? "\($0)" },
            choices: (1...5).reversed().map { CaseStatusPage.Choice(score: $0, label: text["case_status_csat_\($0)"] ?? "\($0)") }, error: error,
            locationName: text["case_status_title"] ?? "")
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, text) = pages.text(for: request)
        guard let view = try await links.status(token: try context.parameters.require("token")) else {
            throw OtklikError(.notFound, "no such status link")
        }
        return pages.render("case-status", page: page(view, text: text, error: nil), titleKey: "case_status_title", request: request, context: context)
    }

    @Sendable func rate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let (_, text) = pages.text(for: request)
        let body = try await request.body.collect(upTo: 4 * 1024)
        let fields = FormFields(String(buffer: body))
        do {
            guard let raw = fields.first("score"), let score = Int(raw) else { throw OtklikError.invalid("score", "choose a rating from 1 to 5") }
            try await links.rate(token: token, score: score)
        } catch let error as OtklikError where error.code == .invalidInput || error.code == .conflict {
            guard let view = try await links.status(token: token) else { throw OtklikError(.notFound, "no such status link") }
            let message = error.code == .invalidInput ? text["case_status_csat_missing"]
                : view.status.isOpen ? text["case_status_csat_open"] : text["case_status_csat_conflict"]
            return pages.render(
                "case-status", page: page(view, text: text, error: message ?? error.message), titleKey: "case_status_title", request: request,
                context: context, status: .unprocessableContent)
        }
        return Response(status: .seeOther, headers: [.location: "/status/\(token)"])
    }
}
