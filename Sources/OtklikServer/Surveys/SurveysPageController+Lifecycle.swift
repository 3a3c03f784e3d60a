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
