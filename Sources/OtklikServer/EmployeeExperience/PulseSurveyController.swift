import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore
import OtklikMetrics
import OtklikStore

/// `/api/v1/pulse-surveys`: pulse surveys to staff with eNPS under enforced anonymity. `PUT …/{code}` creates a draft or
/// edits one (a started survey's grouping and minimum group size are fixed: 409); `POST …/{code}/start` invites every
/// staff member employed today and answers their one-time links — the only time they are shown, as the store keeps
/// only a hash; `POST …/{code}/links` issues new links to those who have not answered; `POST …/{code}/close`;
/// `GET …/{code}/results` the figures (``PulseResults``), shown once the survey is closed. Organisation-wide callers
/// only: the results are a breakdown by location or team, and their anonymity rests on seeing every group at once.
struct PulseSurveyController {
    let repository: any PulseSurveyRepository
    let publicURL: String?
    let analytics: Analytics
    let minimumN: Int

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("pulse-surveys", use: list)
        group.get("pulse-surveys/{code}", use: one)
        group.put("pulse-surveys/{code}", use: save)
        group.post("pulse-surveys/{code}/start", use: start)
        group.post("pulse-surveys/{code}/links", use: links)
        group.post("pulse-surveys/{code}/close", use: close)
        group.get("pulse-surveys/{code}/results", use: results)
        group.get("pulse-surveys/{code}/customer-link", use: customerLink)
    }

    struct SurveyBody: Decodable {
        var title: String
        var grouping: String?
        var minimumGroup: Int?

        enum CodingKeys: String, CodingKey { case title, grouping, minimumGroup = "minimum_group" }
    }

    struct StartBody: Decodable {
        var locations: [String]?
    }

    struct LinkJSON: Encodable {
        var staff: String
        var name: String
        var email: String?
        var group: String?
        var url: String
    }

    struct LinksJSON: Encodable {
        var survey: PulseSurvey
        var links: [LinkJSON]
    }

    /// A survey's results, or only its counts while answers are still coming in.
    struct ResultsJSON: Encodable {
        var survey: PulseSurvey
        var invited: Int
        var answered: Int
        var results: PulseResults?
        var note: String?
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(.ok, ["items": try await repository.surveys()])
    }

    @Sendable func one(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(.ok, try await existing(context))
    }

    func existing(_ context: AppRequestContext) async throws -> PulseSurvey {
        let code = try context.parameters.require("code")
        guard let survey = try await repository.survey(code: code) else { throw OtklikError(.notFound, "no pulse survey with code '\(code)'", field: "code") }
        return survey
    }

    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        let body = try await JSONBody.decode(SurveyBody.self, from: request, context: context)
        let existing = try await repository.survey(code: code)
        let grouping: PulseSurvey.Grouping
        if let text = body.grouping {
            guard let parsed = PulseSurvey.Grouping(rawValue: text) else { throw OtklikError.invalid("grouping", "grouping must be location or team") }
            grouping = parsed
        } else {
            grouping = existing?.grouping ?? .location
        }
        let survey = PulseSurvey(
            code: code, title: body.title, grouping: grouping,
            minimumGroup: body.minimumGroup ?? existing?.minimumGroup ?? PulseSurvey.smallestMinimumGroup)
        let saved = try await repository.save(survey, now: Date())
        return JSONResponse.make(existing == nil ? .created : .ok, saved)
    }

    @Sendable func start(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        var locations: Set<String>?
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        if buffer.readableBytes > 0 {
            locations = try context.requestDecoder.decode(StartBody.self, from: Data(buffer.readableBytesView)).locations.map(Set.init)
        }
        let made = try await repository.start(code: code, locations: locations, today: Self.today(), now: Date())
        guard let survey = try await repository.survey(code: code) else { throw OtklikError(.notFound, "no pulse survey with code '\(code)'") }
        return JSONResponse.make(.created, LinksJSON(survey: survey, links: made.map(link)))
    }

    @Sendable func links(_ request: Request, context: AppRequestContext) async throws -> Response {
        let survey = try await existing(context)
        let made = try await repository.reissue(code: survey.code)
        return JSONResponse.make(.ok, LinksJSON(survey: survey, links: made.map(link)))
    }

    @Sendable func close(_ request: Request, context: AppRequestContext) async throws -> Response {
        let survey = try await existing(context)
        return JSONResponse.make(.ok, try await repository.close(code: survey.code, now: Date()))
    }

    @Sendable func results(_ request: Request, context: AppRequestContext) async throws -> Response {
        let survey = try await existing(context)
        guard let tally = try await repository.tally(code: survey.code) else { throw OtklikError(.notFound, "no pulse survey with code '\(survey.code)'") }
        return JSONResponse.make(.ok, Self.results(tally))
    }

    /// The employee-customer link (``EmployeeCustomerLink``): 409 unless the survey is closed and grouped by location.
    @Sendable func customerLink(_ request: Request, context: AppRequestContext) async throws -> Response {
        let survey = try await existing(context)
        guard let tally = try await repository.tally(code: survey.code),
            let link = try await EmployeeCustomerLink.compute(tally, analytics: analytics, minimumN: minimumN)
        else {
            throw OtklikError(.conflict, "the employee-customer link needs a closed survey grouped by location", field: "code")
        }
        return JSONResponse.make(.ok, link)
    }

    static func results(_ tally: PulseTally) -> ResultsJSON {
        let invited = tally.invitedByGroup.values.reduce(0, +)
        guard tally.survey.status == .closed else {
            return ResultsJSON(
                survey: tally.survey, invited: invited, answered: tally.answered, results: nil,
                note: "figures are shown once the survey is closed, so that no answer can be read from the change it makes")
        }
        return ResultsJSON(
            survey: tally.survey, invited: invited, answered: tally.answered,
            results: PulseResults.compute(answers: tally.answers, invited: tally.invitedByGroup, minimumGroup: tally.survey.minimumGroup), note: nil)
    }

    func link(_ made: PulseInvitationLink) -> LinkJSON {
        LinkJSON(staff: made.staff, name: made.name, email: made.email, group: made.group, url: (publicURL ?? "") + "/pulse/" + made.token)
    }

    /// Today in UTC, `YYYY-MM-DD`: who is employed on it is invited.
    static func today(_ now: Date = Date()) -> String { String(Timestamp.format(now).prefix(10)) }
}
