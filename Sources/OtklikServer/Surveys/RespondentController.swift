import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore
import OtklikStore

/// `/s/{token}`: the respondent's survey page (mobile web, Russian and English, no script needed). The integral
/// question and at most K − 1 pool questions chosen by question rotation (recorded at the first visit, so the
/// missing answers are known to be planned); "submit" completes, "save" keeps a partial answer, "decline" refuses.
struct RespondentController {
    let surveys: any SurveyRepository
    let pages: PageRenderer
    /// Starts through a survey's public link, per client address (``ClientLimits/survey``, shared by the servers on one
    /// PostgreSQL).
    let limits: ClientLimits

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("s/{token}", use: show)
        router.post("s/{token}", use: answer)
        router.get("s/open/{code}", use: start)
        router.post("s/open/{code}", use: begin)
    }

    /// A feedback survey's public link (`/s/open/{code}`, also behind its QR code and embed snippet): a start page
    /// whose button opens a fresh invitation. Opening the page stores nothing, so link previews and crawlers create no
    /// invitations. A measurement survey has no public link: its respondents are drawn by its sampling plan.
    @Sendable func start(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        guard let survey = try await surveys.survey(code: code), survey.purpose == .feedback else { return message(.unknown, request: request, context: context) }
        if try await surveys.closedAt(survey: code) != nil { return message(.surveyClosed, request: request, context: context) }
        let language = pages.localizer.language(for: request)
        let page = SurveyStartPage(
            title: survey.title(language), action: "/s/open/\(code)?lang=\(language)", locationName: survey.title(language))
        return pages.render("survey-start", page: page, title: survey.title(language), request: request, context: context)
    }

    /// "Start": a new invitation (channel web, no contact) and on to its form.
    @Sendable func begin(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        guard let survey = try await surveys.survey(code: code), survey.purpose == .feedback else { return message(.unknown, request: request, context: context) }
        if try await surveys.closedAt(survey: code) != nil { return message(.surveyClosed, request: request, context: context) }
        guard try await limits.survey.allow(limits.client(request, context: context)) else {
            throw OtklikError(.tooManyRequests, "too many surveys started from this device; wait a minute and try again")
        }
        let now = Date()
        let interaction = SurveyInteraction(id: "open-" + UUID().uuidString.lowercased(), at: now, channel: Channel.web.rawValue)
        let (_, token) = try await surveys.invite(survey: survey.code, interaction, now: now, deliver: false)
        let language = pages.localizer.language(for: request)
        return Response(status: .seeOther, headers: [.location: "/s/\(token)?lang=\(language)", .cacheControl: "no-store"])
    }

    enum Action: String { case submit, save, decline }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        switch try await open(token) {
        case .failure(let reason):
            return message(reason, request: request, context: context)
        case .success(let (invitation, survey)):
            let shown = try await shownQuestions(invitation, survey)
            var given: [String: SurveyAnswer] = [:]
            for answer in try await surveys.answers(invitation: invitation.id) { given[answer.question] = answer }
            let visible = survey.visibleQuestions(shown, answers: given)
            return form(survey, invitation, shown: visible, given: given, errors: [:], token: token, request: request, context: context)
        }
    }

    @Sendable func answer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let body = try await request.body.collect(upTo: 256 * 1024)
        let fields = FormFields(String(buffer: body))
        switch try await open(token) {
        case .failure(let reason):
            return message(reason, request: request, context: context)
        case .success(let (invitation, survey)):
            let shown = try await shownQuestions(invitation, survey)
            let action = Action(rawValue: fields.first("action") ?? "") ?? .submit
            if action == .decline {
                try await surveys.respond(invitation: invitation.id, answers: [], status: .refused, now: Date())
                return message(.declined, request: request, context: context)
            }
            let language = pages.localizer.language(for: request)
            // Skip logic: the questions these answers show; answers to the others are dropped. A question the page
            // did not yet show (its condition just became true) is shown before the survey is complete.
            let posted = Dictionary(shown.compactMap { survey.question($0) }.map { ($0.code, Self.read($0, fields)) }, uniquingKeysWith: { first, _ in first })
            let visible = survey.visibleQuestions(shown, answers: posted)
            let displayed = Set((fields.first("seen") ?? shown.joined(separator: ",")).split(separator: ",").map(String.init))
            let revealed = visible.filter { !displayed.contains($0) }
            var answers: [SurveyAnswer] = []
            var errors: [String: String] = [:]
            for code in visible {
                guard let question = survey.question(code) else { continue }
                let answer = Self.read(question, fields)
                do {
                    if question.type == .kano, answer.choices.contains("") {
                        errors[code] = pages.localizer.text("survey_error_kano", language)
                        answers.append(answer)
                        continue
                    }
                    try answer.validate(against: question)
                    if action == .submit, question.integral, answer.isEmpty { errors[code] = pages.localizer.text("survey_error_required", language) }
                    answers.append(answer)
                } catch {
                    errors[code] = pages.localizer.text("survey_error_value", language)
                }
            }
            let given = Dictionary(answers.map { ($0.question, $0) }, uniquingKeysWith: { first, _ in first })
            if !errors.isEmpty {
                return form(survey, invitation, shown: visible, given: given, errors: errors, token: token, request: request, context: context)
            }
            if action == .submit, !revealed.isEmpty {
                return form(
                    survey, invitation, shown: visible, given: given, errors: [:], revealed: Set(revealed), token: token, request: request,
                    context: context)
            }
            // Saving nothing changes nothing: a partial interview (AAPOR P) has at least one answer.
            if action == .save, answers.allSatisfy(\.isEmpty) { return message(.saved(invitation.expiresAt), request: request, context: context) }
            try await surveys.respond(invitation: invitation.id, answers: answers, status: action == .save ? .partial : .completed, now: Date())
            return message(action == .save ? .saved(invitation.expiresAt) : .thanks, request: request, context: context)
        }
    }

    /// An answer from the form's fields `q.CODE` (repeated for a multiple choice; `q.CODE.functional` and
    /// `q.CODE.dysfunctional` for a Kano question, one of them missing kept as "" so the form can say so).
    static func read(_ question: SurveyQuestion, _ fields: FormFields) -> SurveyAnswer {
        let name = "q." + question.code
        if question.type == .kano {
            let functional = fields.first(name + ".functional") ?? "", dysfunctional = fields.first(name + ".dysfunctional") ?? ""
            if functional.isEmpty, dysfunctional.isEmpty { return SurveyAnswer(question: question.code) }
            return SurveyAnswer(question: question.code, choices: [functional, dysfunctional])
        }
        if question.type.scale != nil {
            let raw = fields.first(name)?.trimmingCharacters(in: .whitespaces) ?? ""
            if raw.isEmpty { return SurveyAnswer(question: question.code) }
            // A value that is not a number is kept out of range so validation names it.
            return SurveyAnswer(question: question.code, score: Int(raw) ?? Int.min)
        }
        if question.type.hasOptions {
            return SurveyAnswer(question: question.code, choices: fields.all(name).filter { !$0.isEmpty })
        }
        let text = fields.first(name)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return SurveyAnswer(question: question.code, text: text.isEmpty ? nil : text)
    }

    enum Closed: Error {
        case unknown, expired, completed, declined, thanks, saved(Date), surveyClosed
    }

    func open(_ token: String) async throws -> Result<(SurveyInvitation, Survey), Closed> {
        guard let invitation = try await surveys.invitation(token: token), let survey = try await surveys.survey(code: invitation.survey) else {
            return .failure(.unknown)
        }
        if try await surveys.closedAt(survey: survey.code) != nil, invitation.status != .completed { return .failure(.surveyClosed) }
        switch invitation.status {
        case .completed: return .failure(.completed)
        case .refused: return .failure(.declined)
        case .invited, .partial, .noContact:
            // A link that arrives after all (no_contact) may still be answered: the respondent was reached.
            if invitation.isExpired(now: Date()) { return .failure(.expired) }
            return .success((invitation, survey))
        }
    }

    /// The questions this respondent sees: recorded at the first visit.
    func shownQuestions(_ invitation: SurveyInvitation, _ survey: Survey) async throws -> [String] {
        if let shown = invitation.shown { return shown }
        let ordered = survey.rotatedQuestions(for: invitation.id)
        return try await surveys.recordShown(invitation: invitation.id, questions: ordered)
    }

    func message(_ reason: Closed, request: Request, context: AppRequestContext) -> Response {
        let language = pages.localizer.language(for: request)
        let key: String
        var status: HTTPResponse.Status = .ok
        var detail: String?
        switch reason {
        case .unknown: key = "survey_link_unknown"; status = .notFound
        case .expired: key = "survey_link_expired"; status = .gone
        case .completed: key = "survey_link_used"; status = .gone
        case .surveyClosed: key = "survey_link_closed"; status = .gone
        case .declined: key = "survey_declined"
        case .thanks: key = "survey_thanks"
        case .saved(let until):
            key = "survey_saved"
            detail = pages.localizer.text("survey_saved_until", language) + " " + String(Timestamp.format(until).prefix(10))
        }
        let page = SurveyMessagePage(
            heading: pages.localizer.text(key, language), text: pages.localizer.text(key + "_text", language), detail: detail,
            locationName: pages.localizer.text("survey_page_title", language))
        return pages.render("survey-message", page: page, titleKey: key, request: request, context: context, status: status)
    }

    /// The form with the questions `shown` (those the answers so far make visible); `revealed`: questions the last
    /// answers opened, marked as new.
    func form(
        _ survey: Survey, _ invitation: SurveyInvitation, shown: [String], given: [String: SurveyAnswer], errors: [String: String],
        revealed: Set<String> = [], token: String, request: Request, context: AppRequestContext
    ) -> Response {
        let (language, text) = pages.text(for: request)
        let questions = shown.compactMap { survey.question($0) }.enumerated().map { index, question in
            var model = Self.viewModel(
                question, number: index + 1, answer: given[question.code], error: errors[question.code], language: language, text: text)
            model.revealed = revealed.contains(question.code)
            return model
        }
        let errorList = shown.compactMap { code -> SurveyFormPage.ErrorLink? in
            guard let error = errors[code], let question = survey.question(code) else { return nil }
            return SurveyFormPage.ErrorLink(href: "#q-\(code)", text: "\(question.text(language)): \(error)")
        }
        let page = SurveyFormPage(
            title: survey.title(language), locationName: survey.title(language), questions: questions,
            action: "/s/\(token)?lang=\(language)", hasErrors: !errorList.isEmpty, errors: errorList,
            count: questions.count, partial: invitation.status == .partial, seen: shown.joined(separator: ","),
            hasRevealed: !revealed.isEmpty, firstRevealed: shown.first(where: revealed.contains).map { "q-\($0)" })
        return pages.render(
            "survey-respond", page: page, title: survey.title(language), request: request, context: context,
            status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    static func viewModel(
        _ question: SurveyQuestion, number: Int, answer: SurveyAnswer?, error: String?, language: String, text: [String: String]
    ) -> SurveyFormPage.Question {
        let id = "q-\(question.code)"
        var model = SurveyFormPage.Question(
            id: id, name: "q.\(question.code)", legend: question.text(language), number: number, required: question.integral,
            error: error, hasError: error != nil)
        if question.type == .kano {
            model.isKano = true
            model.dysfunctionalLegend = question.dysfunctional(language)
            func options(_ side: String, _ position: Int) -> [SurveyFormPage.Choice] {
                QuestionType.kanoAnswers.enumerated().map { index, code in
                    let given = answer?.choices ?? []
                    return SurveyFormPage.Choice(
                        name: "q.\(question.code).\(side)", id: "\(id)-\(side)-\(index)", value: code,
                        label: text["kano_answer_\(code)"] ?? code, checked: given.count == 2 && given[position] == code)
                }
            }
            model.functional = options("functional", 0)
            model.dysfunctional = options("dysfunctional", 1)
        } else if let scale = question.type.scale {
            model.isScale = true
            model.anchorsId = "\(id)-anchors"
            model.wide = scale.count > 7
            model.points = scale.map { SurveyFormPage.Point(value: $0, id: "\(id)-\($0)", checked: answer?.score == $0) }
            model.low = text["survey_scale_\(question.type.rawValue)_low"] ?? ""
            model.high = text["survey_scale_\(question.type.rawValue)_high"] ?? ""
        } else if question.type.hasOptions {
            model.isChoice = true
            model.inputType = question.type == .single ? "radio" : "checkbox"
            model.hint = question.type == .multiple ? text["survey_choose_any"] : nil
            model.options = question.options.enumerated().map { optionIndex, option in
                SurveyFormPage.Choice(
                    id: "\(id)-\(optionIndex)", value: option.code, label: option.label(language),
                    checked: answer?.choices.contains(option.code) ?? false)
            }
        } else {
            model.isText = true
            model.value = answer?.text ?? ""
        }
        return model
    }
}
