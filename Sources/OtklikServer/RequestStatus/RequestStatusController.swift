import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore
import OtklikStore

/// The customer's status link for a service request (issue 19 item 6), sent by a programme's message with
/// `{status_link}` (`service_request_resolved`, `service_request_stalled`): `GET /request-status/{token}` shows the
/// service, when the request was submitted, its status and when it was closed (no names, no contact, no cost); once it
/// is completed `POST /request-status/{token}` records the customer's one answer to the short survey — how satisfied
/// they are (CSAT 1-5) — as feedback through the write path every channel uses (``FeedbackIngest``), linked to the
/// request's customer, service and location, so it counts in the CSAT figures. No login: the unguessable token is the
/// key; a cross-site post is refused (``CSRFMiddleware``'s origin checks). `POST /api/v1/requests/{id}/status-link`
/// makes a link for another system to send.
struct RequestStatusController {
    let links: SQLRequestStatusLinks
    let ingest: FeedbackIngest
    let pages: PageRenderer
    let publicURL: String?
    /// The organisation's zone: the days the page shows are its days.
    let timeZone: TimeZone

    func addRoutes(to router: Router<AppRequestContext>, api: RouterGroup<AppRequestContext>) {
        router.get("request-status/{token}", use: show)
        router.group().add(middleware: CSRFMiddleware(publicURL: publicURL)).post("request-status/{token}", use: rate)
        api.post("requests/{id}/status-link", use: createLink)
    }

    /// `POST /api/v1/requests/{id}/status-link`: a new status link for a customer's service request; every call makes a
    /// new link, and every link shows the same request. A request without a customer, or (for a key limited to some
    /// locations) at another location, is 404, as one that does not exist.
    @Sendable func createLink(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let locations: Set<String>? = switch context.accessScope {
        case .organisation: nil
        case .locations(let codes): codes
        }
        let token = try await links.create(requestID: id, locations: locations)
        let base = publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? ""
        return JSONResponse.make(.created, CaseStatusController.LinkJSON(statusURL: base + "/request-status/" + token))
    }

    func page(_ view: RequestStatusView, text: [String: String], error: String?) -> RequestStatusPage {
        RequestStatusPage(
            service: view.serviceName, submitted: CaseStatusController.day(view.submittedAt, timeZone, text: text),
            status: text["request_status_public_\(view.status.rawValue)"] ?? view.status.rawValue, isOpen: view.status == .open,
            closedLabel: view.status == .open ? nil : text["request_status_closed_\(view.status.rawValue)"],
            closed: view.closedAt.map { CaseStatusController.day($0, timeZone, text: text) }, asksForRating: view.asksForRating,
            rating: view.rating.map { text["case_status_csat_\($0)"] ?? "\($0)" },
            choices: (1...5).reversed().map { RequestStatusPage.Choice(score: $0, label: text["case_status_csat_\($0)"] ?? "\($0)") },
            error: error, locationName: text["request_status_title"] ?? "")
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, text) = pages.text(for: request)
        guard let view = try await links.status(token: try context.parameters.require("token")) else {
            throw OtklikError(.notFound, "no such status link")
        }
        return pages.render(
            "request-status", page: page(view, text: text, error: nil), titleKey: "request_status_title", request: request, context: context)
    }

    @Sendable func rate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let (language, text) = pages.text(for: request)
        let body = try await request.body.collect(upTo: 4 * 1024)
        let fields = FormFields(String(buffer: body))
        guard let view = try await links.status(token: token) else { throw OtklikError(.notFound, "no such status link") }
        do {
            guard let raw = fields.first("score"), let score = Int(raw) else { throw OtklikError.invalid("score", "choose a rating from 1 to 5") }
            let answer = try SQLRequestStatusLinks.surveyAnswer(for: view, score: score, language: language, at: Date())
            _ = try await ingest.ingest([answer])
        } catch let error as OtklikError where error.code == .invalidInput || error.code == .conflict {
            let fresh = try await links.status(token: token) ?? view
            let message = error.code == .invalidInput ? text["case_status_csat_missing"]
                : fresh.status != .completed ? text["request_status_csat_open"] : text["request_status_csat_conflict"]
            return pages.render(
                "request-status", page: page(fresh, text: text, error: message ?? error.message), titleKey: "request_status_title",
                request: request, context: context, status: .unprocessableContent)
        }
        return Response(status: .seeOther, headers: [.location: "/request-status/\(token)"])
    }
}
