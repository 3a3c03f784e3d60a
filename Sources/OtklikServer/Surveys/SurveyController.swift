import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore
import OtklikInterchange
import OtklikMetrics
import OtklikStore

/// `/api/v1/surveys`: create and read surveys, offer interactions to a survey's sampling plan and read their
/// decisions, read invitations, results and the responses as CSV.
struct SurveyController {
    let surveys: any SurveyRepository
    /// Stores offers and waits a bounded time for the `survey-sampling` consumer's decisions.
    let offering: SurveyOffering
    let publicURL: String?
    /// The organisation's zone: a results period's dates (`from=2026-10-01`) are its days, as on the survey pages.
    var timeZone = TimeZone(identifier: "UTC")!

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("surveys", use: list)
        group.post("surveys", use: create)
        group.get("surveys/{code}", use: get)
        group.put("surveys/{code}", use: update)
        group.post("surveys/{code}/close", use: close)
        group.post("surveys/{code}/interactions", use: sample)
        group.get("surveys/{code}/interactions/{id}", use: decision)
        group.get("surveys/{code}/invitations", use: invitations)
        group.get("surveys/{code}/invitations/{id}", use: invitation)
        group.get("surveys/{code}/results", use: results)
        group.get("surveys/{code}/responses.csv", use: export)
    }

    func base(_ request: Request) -> String {
        publicURL ?? "http://\(request.head.authority ?? "127.0.0.1")"
    }

    func survey(_ context: AppRequestContext) async throws -> Survey {
        let code = try context.parameters.require("code")
        guard let survey = try await surveys.survey(code: code) else { throw OtklikError(.notFound, "no survey '\(code)'", field: "code") }
        return survey
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(.ok, ["items": try await surveys.surveys()])
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let survey = try await JSONBody.decode(Survey.self, from: request, context: context)
        let created = try await surveys.create(survey, now: Date())
        return JSONResponse.make(created ? .created : .ok, survey)
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(.ok, try await survey(context))
    }

    /// Replaces the definition (the code in the path wins); once answered, only wording may change (409 otherwise).
    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        var survey = try await JSONBody.decode(Survey.self, from: request, context: context)
        guard survey.code == code else { throw OtklikError.invalid("code", "the body's code '\(survey.code)' is not the path's '\(code)'") }
        survey.code = code
        try await surveys.update(survey, now: Date())
        return JSONResponse.make(.ok, survey)
    }

    /// Closes the survey: no new invitations or answers; its links say it is closed.
    @Sendable func close(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        try await surveys.close(survey: code, now: Date())
        return JSONResponse.make(.ok, ["code": code, "closed_at": try await surveys.closedAt(survey: code).map(Timestamp.format) ?? ""])
    }

    @Sendable func sample(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        let now = Date()
        let items = try await JSONBody.decode(ItemBatch<SurveyInteractionJSON>.self, from: request, context: context).converted { item throws(OtklikError) in
            try item.interaction(now: now)
        }
        let answer = try await offering.offer(survey: code, items, now: now)
        let base = base(request)
        let decisions = answer.items.map { item in
            item.decision.map { SamplingResultJSON($0, base: base) } ?? .pending(item.interaction, duplicate: item.duplicate)
        }
        // Stored and decided: 201 (200 when every item was offered before); stored, not decided within the wait: 202.
        let status: HTTPResponse.Status = answer.decided ? (answer.fresh ? .created : .ok) : .accepted
        return JSONResponse.make(status, ["items": decisions])
    }

    /// One interaction's decision (with its link while the invitation waits for delivery), `pending` while the
    /// `survey-sampling` consumer has not decided it, 404 if it was never offered to the survey.
    @Sendable func decision(_ request: Request, context: AppRequestContext) async throws -> Response {
        let survey = try await survey(context)
        let id = try context.parameters.require("id")
        switch try await surveys.offerStates(survey: survey.code, ids: [id])[id] {
        case .decided(let result):
            var json = SamplingResultJSON(result, base: base(request))
            json.duplicate = nil
            return JSONResponse.make(.ok, json)
        case .pending: return JSONResponse.make(.ok, SamplingResultJSON.pending(id, duplicate: nil))
        case nil: throw OtklikError(.notFound, "no interaction '\(id)' offered to survey '\(survey.code)'", field: "id")
        }
    }

    @Sendable func invitations(_ request: Request, context: AppRequestContext) async throws -> Response {
        let survey = try await survey(context)
        // A caller limited to some locations lists the invitations there only.
        var items = try await surveys.invitations(survey: survey.code).filter { context.accessScope.allows(location: $0.location) }
        if let status = request.uri.queryParameters.get("status") {
            guard let wanted = InvitationStatus(rawValue: status) else {
                throw OtklikError.invalid("status", "status is one of \(InvitationStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            items = items.filter { $0.status == wanted }
        }
        return JSONResponse.make(.ok, ["items": items.map { InvitationJSON($0) }])
    }

    @Sendable func invitation(_ request: Request, context: AppRequestContext) async throws -> Response {
        let survey = try await survey(context)
        let id = try context.parameters.require("id")
        guard let invitation = try await surveys.invitation(id: id), invitation.survey == survey.code,
              context.accessScope.allows(location: invitation.location) else {
            throw OtklikError(.notFound, "no invitation '\(id)' in survey '\(survey.code)'", field: "id")
        }
        return JSONResponse.make(.ok, InvitationJSON(invitation, answers: try await surveys.answers(invitation: id)))
    }

    @Sendable func results(_ request: Request, context: AppRequestContext) async throws -> Response {
        let survey = try await survey(context)
        let query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { _, last in last })
        let filter = try InvitationFilter(query: query, zone: timeZone)
        let baseline = try InvitationFilter.baseline(query: query, zone: timeZone)
        _ = try context.visibleLocations(filter.location.map { [$0] })
        // A caller limited to some locations gets the results of the invitations there only.
        let all = try await surveys.invitations(survey: survey.code).filter { context.accessScope.allows(location: $0.location) }
        let answers = try await surveys.answers(survey: survey.code)
        var results = SurveyResults(
            survey: survey, invitations: all.filter(filter.matches), answers: answers, weights: try await surveys.designWeights(survey: survey.code))
        if let baseline {
            results.change = SurveyChange(survey: survey, baseline: all.filter(baseline.matches), current: all.filter(filter.matches), answers: answers)
        }
        return JSONResponse.make(.ok, results)
    }

    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        let survey = try await survey(context)
        // A caller limited to some locations gets the rows of the invitations there only.
        let csv = try await SurveyCSV.export(survey, from: surveys, locations: context.accessScope.locationCodes)
        return Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(survey.code)-responses.csv\""],
            body: .init(byteBuffer: ByteBuffer(string: csv)))
    }
}
