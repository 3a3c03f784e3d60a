import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// Editing a survey once created (`/surveys/{code}/edit`: wording while it has answers, anything before) and closing
/// it (`POST /surveys/{code}/close`: no new invitations or answers, its links say it is closed).
extension SurveysPageController {
    @Sendable func edit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let survey = try await stored(context)
        return renderEditor(
            SurveyEditorForm.fields(of: survey), error: nil, editing: survey.code, keptSampling: Self.keepsSampling(survey), request: request,
            context: context)
    }

    @Sendable func saveEdit(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = context.user, user.role != .viewer else { throw OtklikError(.forbidden, "viewers cannot edit surveys") }
        let stored = try await stored(context)
        let body = try await request.body.collect(upTo: 256 * 1024)
        // The code is the survey's, whatever the form says.
        let fields = FormFields(String(buffer: body)).setting("code", stored.code)
        let form = SurveyEditorForm(fields)
        let kept = Self.keepsSampling(stored)
        if fields.first("action") == "more" {
            let rows = min(SurveyEditorForm.maxRows, form.rowCount + SurveyEditorForm.moreRows)
            return renderEditor(
                fields.setting("rows", String(rows)), error: nil, focusRow: form.rowCount, editing: stored.code, keptSampling: kept, request: request,
                context: context)
        }
        do {
            var survey = try form.survey()
            // What the form does not show stays as stored: attributes, link days, the plan's seed (and a quota or
            // stratified plan, which only the JSON sets).
            survey.attributes = stored.attributes
            survey.linkDays = stored.linkDays
            if kept { survey.sampling = stored.sampling } else { survey.sampling.seed = stored.sampling.seed }
            try survey.validate()
            if fields.first("action") == "preview" {
                return renderEditor(fields, error: nil, preview: survey, editing: stored.code, keptSampling: kept, request: request, context: context)
            }
            try await surveys.update(survey, now: Date())
            return Response(status: .seeOther, headers: [.location: "/surveys/\(survey.code)"])
        } catch let error as OtklikError where error.code == .invalidInput || error.code == .conflict {
            return renderEditor(
                fields, error: error, editing: stored.code, keptSampling: kept, request: request, context: context,
                status: error.code == .conflict ? .conflict : .unprocessableContent)
        }
    }

    @Sendable func closeSurvey(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = context.user, user.role != .viewer else { throw OtklikError(.forbidden, "viewers cannot close surveys") }
        let survey = try await stored(context)
        try await surveys.close(survey: survey.code, now: Date())
        return Response(status: .seeOther, headers: [.location: "/surveys/\(survey.code)"])
    }

    /// "Send invitations": one address a line (e-mail or phone), each queued for the invitation dispatcher when its
    /// customer has a survey consent in force on that channel; the page shows what became of them. A line that is no
    /// address is named and nothing is queued.
    @Sendable func invite(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = context.user, user.role != .viewer else { throw OtklikError(.forbidden, "viewers cannot send invitations") }
        let survey = try await stored(context)
        let (language, text) = pages.text(for: request)
        let body = try await request.body.collect(upTo: 256 * 1024)
        let fields = FormFields(String(buffer: body))
        let typed = fields.first("contacts") ?? ""
        let lang = ["ru", "en"].contains(fields.first("lang") ?? "") ? fields.first("lang")! : ""
        var seen = Set<String>()
        let lines = typed.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && seen.insert($0).inserted }
        var form = SurveyResultsPage.Send(contacts: typed, lang: lang)
        do {
            let outcomes = try await contacts.invite(survey: survey.code, contacts: lines, lang: lang.isEmpty ? nil : lang, now: Date())
            form.contacts = ""
            form.result = Self.sendResult(outcomes, text: text)
            return try await renderResults(request, context: context, send: form)
        } catch let error as OtklikError where error.code == .invalidInput || error.code == .conflict {
            // In Russian: the sentence, then which line.
            let line = error.message.firstMatch(of: /line (\d+)/).map { " (\(text["survey_send_line"] ?? "line") \($0.1))" } ?? ""
            let sentence = text["survey_send_error"] ?? error.message
            form.error = error.code == .invalidInput && language != "en"
                ? (sentence.hasSuffix(".") ? String(sentence.dropLast()) + line + "." : sentence + line) : error.message
            return try await renderResults(
                request, context: context, send: form, status: error.code == .conflict ? .conflict : .unprocessableContent)
        }
    }

    /// "Send to a segment": its members now, each invited as a pasted address would be (a survey consent in force on
    /// e-mail or SMS, an address on file, once per survey).
    @Sendable func inviteSegment(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = context.user, user.role != .viewer else { throw OtklikError(.forbidden, "viewers cannot send invitations") }
        let survey = try await stored(context)
        let (_, text) = pages.text(for: request)
        let body = try await request.body.collect(upTo: 64 * 1024)
        let fields = FormFields(String(buffer: body))
        let code = fields.first("segment") ?? ""
        let lang = ["ru", "en"].contains(fields.first("lang") ?? "") ? fields.first("lang")! : ""
        var form = SurveyResultsPage.Send(lang: lang, segment: code)
        guard try await segmentList.segment(code: code) != nil else {
            form.error = text["survey_send_no_segment"] ?? "Choose a segment from the list."
            return try await renderResults(request, context: context, send: form, status: .unprocessableContent)
        }
        let members = try await segments.evaluate(code: code, now: Date()).members.map(\.customer)
        let outcomes = try await contacts.invite(
            survey: survey.code, customers: members, lang: lang.isEmpty ? nil : lang, source: "segment \(code)", now: Date())
        form.result = Self.sendResult(outcomes, text: text)
        return try await renderResults(request, context: context, send: form)
    }

    /// "Queued: 2; without a survey consent: 3; invited before: 1" (and without an address, for a segment).
    static func sendResult(_ outcomes: [ContactInvitations.Outcome], text: [String: String]) -> String {
        func count(_ outcome: ContactInvitations.Outcome) -> String { String(outcomes.filter { $0 == outcome }.count) }
        var sentence = (text["survey_send_result"] ?? "Queued: {queued}; without a survey consent: {no_consent}; invited before: {already}.")
            .replacingOccurrences(of: "{queued}", with: count(.queued)).replacingOccurrences(of: "{no_consent}", with: count(.noConsent))
            .replacingOccurrences(of: "{already}", with: count(.alreadyInvited))
        if outcomes.contains(.noAddress) {
            sentence += " " + (text["survey_send_no_address"] ?? "Without an address on file: {n}.").replacingOccurrences(of: "{n}", with: count(.noAddress))
        }
        return sentence
    }

    func stored(_ context: AppRequestContext) async throws -> Survey {
        let code = try context.parameters.require("code")
        guard let survey = try await surveys.survey(code: code) else { throw OtklikError(.notFound, "no survey '\(code)'", field: "code") }
        return survey
    }

    /// A plan the editor cannot show (quotas, strata) is kept as stored.
    static func keepsSampling(_ survey: Survey) -> Bool {
        survey.sampling.method == .quota || !survey.sampling.strata.isEmpty
    }
}
