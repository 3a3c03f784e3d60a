import Foundation
import Hummingbird
import OtklikCore
import OtklikMetrics
import OtklikStore

/// `/api/v1/programmes`: create a programme from its JSON definition, list them (status, arms, MDE), read one, its
/// report against the hold-out, pause and resume it.
struct ProgrammeController {
    let programmes: SQLProgrammeRepository

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("programmes", use: list)
        group.post("programmes", use: create)
        group.get("programmes/{code}", use: get)
        group.get("programmes/{code}/report", use: report)
        group.post("programmes/{code}/pause", use: pause)
        group.post("programmes/{code}/resume", use: resume)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        var items: [ProgrammeSummaryJSON] = []
        for stored in try await programmes.programmes() { items.append(try await ProgrammeSummaryJSON.make(stored, repository: programmes)) }
        return JSONResponse.make(.ok, ["items": items])
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { throw OtklikError(.invalidInput, "the request body is empty; send the definition as JSON", field: "body") }
        let programme = try ProgrammeDefinition.parse(Data(buffer.readableBytesView))
        try await programmes.create(programme)
        return JSONResponse.make(.created, try await summary(programme.code))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(.ok, try await summary(try context.parameters.require("code")))
    }

    @Sendable func report(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(.ok, try await programmes.report(code: try context.parameters.require("code")))
    }

    @Sendable func pause(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        try await programmes.setStatus(code: code, .paused, reason: "api")
        return JSONResponse.make(.ok, try await summary(code))
    }

    @Sendable func resume(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        try await programmes.setStatus(code: code, .active, reason: nil)
        return JSONResponse.make(.ok, try await summary(code))
    }

    func summary(_ code: String) async throws -> ProgrammeSummaryJSON {
        guard let stored = try await programmes.programme(code: code) else { throw OtklikError(.notFound, "no programme '\(code)'", field: "code") }
        return try await ProgrammeSummaryJSON.make(stored, repository: programmes)
    }
}
