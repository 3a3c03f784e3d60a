import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// `/api/v1/journeys`: the journeys, one journey (GET, PUT to create or replace it) and its stages' figures.
struct JourneyController {
    let board: JourneyBoard
    let timeZone: TimeZone

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("journeys", use: list)
        group.get("journeys/{code}", use: get)
        group.put("journeys/{code}", use: put)
        group.get("journeys/{code}/stages", use: stages)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(.ok, ["items": try await board.repository.journeys().map(JourneyJSON.init)])
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(.ok, JourneyJSON(try await board.journey(try context.parameters.require("code"))))
    }

    @Sendable func put(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        let input = try await JSONBody.decode(JourneyJSON.self, from: request, context: context)
        if let named = input.code, named != code { throw OtklikError.invalid("code", "the body names journey '\(named)', the path '\(code)'") }
        let journey = try input.journey(code: code)
        let outcome = try await board.repository.put(journey, now: Date())
        let stored = try await board.journey(code)
        return JSONResponse.make(outcome == .created ? .created : .ok, JourneyPutJSON(result: outcome.rawValue, journey: JourneyJSON(stored)))
    }

    @Sendable func stages(_ request: Request, context: AppRequestContext) async throws -> Response {
        let journey = try await board.journey(try context.parameters.require("code"))
        let query = request.uri.queryParameters
        let period = try JourneyBoard.period(
            from: query.get("from"), to: query.get("to"), asOf: query.get("as_of"), timeZone: timeZone, now: Date())
        let analysis = try await board.analysis(of: journey, from: period.from, to: period.to, asOf: period.asOf)
        return JSONResponse.make(.ok, JourneyFiguresJSON(journey, analysis))
    }
}

/// The answer of a PUT: what it did (`created`, `updated`, `unchanged`) and the journey as stored.
struct JourneyPutJSON: Encodable {
    var result: String
    var journey: JourneyJSON
}
