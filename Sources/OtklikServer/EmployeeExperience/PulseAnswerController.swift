import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// `/pulse/{token}`: a staff member's one-time pulse survey link (no sign-in, no script): "How likely are you to
/// recommend working here?" 0-10 and an optional comment. The answer is stored apart from the link, which is marked
/// used in the same transaction; a second send of the form changes nothing.
struct PulseAnswerController {
    let repository: any PulseSurveyRepository
    let pages: PageRenderer

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("pulse/{token}", use: show)
        router.post("pulse/{token}", use: answer)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        guard let (survey, answered) = try await repository.invitation(token: token) else { return message("pulse_link_unknown", .notFound, request, context) }
        if answered { return message("pulse_already_answered", .gone, request, context) }
        guard survey.status == .open else { return message("pulse_not_open", .gone, request, context) }
        return form(survey, token: token, score: nil, comment: "", error: nil, request: request, context: context)
    }

    @Sendable func answer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let body = try await request.body.collect(upTo: 64 * 1024)
        let fields = FormFields(String(buffer: body))
        let comment = fields.first("comment") ?? ""
        guard let (survey, _) = try await repository.invitation(token: token) else { return message("pulse_link_unknown", .notFound, request, context) }
        guard let raw = fields.first("score"), let score = Int(raw), (0...10).contains(score) else {
            let language = pages.localizer.language(for: request)
            return form(
                survey, token: token, score: nil, comment: comment, error: pages.localizer.text("pulse_error_score", language), request: request,
                context: context, status: .unprocessableContent)
        }
        switch try await repository.answer(token: token, score: score, comment: String(comment.prefix(PulseAnswer.commentLimit))) {
        case .recorded: return message("pulse_thanks", .ok, request, context)
        case .alreadyAnswered: return message("pulse_already_answered", .gone, request, context)
        case .notOpen: return message("pulse_not_open", .gone, request, context)
        case .unknownLink: return message("pulse_link_unknown", .notFound, request, context)
        }
    }

    func form(
        _ survey: PulseSurvey, token: String, score: Int?, comment: String, error: String?, request: Request, context: AppRequestContext,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let (language, text) = pages.text(for: request)
        let page = PulseAnswerPage(
            title: survey.title, action: "/pulse/\(token)?lang=\(language)",
            points: (0...10).map { PulseAnswerPage.Point(value: $0, id: "pulse-score-\($0)", checked: $0 == score) }, comment: comment, error: error,
            locationName: text["pulse_page_title"] ?? "")
        return pages.render("pulse-answer", page: page, title: survey.title, request: request, context: context, status: status)
    }

    func message(_ key: String, _ status: HTTPResponse.Status, _ request: Request, _ context: AppRequestContext) -> Response {
        let language = pages.localizer.language(for: request)
        let page = SurveyMessagePage(
            heading: pages.localizer.text(key, language), text: pages.localizer.text(key + "_text", language), detail: nil,
            locationName: pages.localizer.text("pulse_page_title", language))
        return pages.render("survey-message", page: page, titleKey: key, request: request, context: context, status: status)
    }
}
