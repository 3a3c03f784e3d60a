import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// `GET /api/v1/programmes/{code}/messages[?status=pending|sent|failed&limit=50&offset=0]`: the API twin of the page
/// `/programmes/{code}/messages` — the same query, status filter and masked addresses (the address is never given in
/// full), paged by `limit` (1–500) and `offset`. The permissions are the page's: every reader; callers scoped to
/// regions or locations are refused (messages are not tied to a location), as on the page.
struct ProgrammeMessagesController {
    let programmes: SQLProgrammeRepository

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("programmes/{code}/messages", use: list)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        guard try await programmes.programme(code: code) != nil else { throw OtklikError(.notFound, "no programme '\(code)'", field: "code") }
        let parameters = request.uri.queryParameters
        let status = try ProgrammeMessageStatusFilter.parse(parameters["status"].map { String($0) })
        let limit = try CustomerController.integer(parameters["limit"].map { String($0) }, name: "limit", default: 50, range: 1...500)
        let offset = try CustomerController.integer(parameters["offset"].map { String($0) }, name: "offset", default: 0, range: 0...10_000_000)
        let page = try await programmes.messageLines(programme: code, status: status, offset: offset, limit: limit)
        return JSONResponse.make(.ok, ProgrammeMessageListJSON(
            programme: code, status: status, total: page.total, offset: offset, limit: limit,
            counts: try await programmes.messageCounts(programme: code), items: page.lines.map(ProgrammeMessageJSON.init)))
    }
}
