import Foundation
import Hummingbird
import OtklikCore
import OtklikMetrics
import OtklikStore

/// `/api/v1/segments`: `GET` every segment with its size and figures, `PUT` one definition or `{"segments": [...]}`
/// (all or nothing; an existing code is replaced, so a retry changes nothing), `GET /segments/{code}?offset=&limit=`
/// with a page of members, `GET /segments/personas?k=auto|2..8&lang=` the k-means personas.
struct SegmentsController {
    let segments: CustomerSegments
    let repository: any SegmentRepository
    /// Forgets its memberships when segments are defined, so the next slice reads the new rules.
    let slicer: SegmentSlicer

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("segments", use: list)
        group.put("segments", use: define)
        group.get("segments/personas", use: personas)
        group.get("segments/{code}", use: detail)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let now = Date()
        let evaluated = try await segments.evaluateAll(now: now)
        return JSONResponse.make(.ok, SegmentListJSON(asOf: now, minimumSize: segments.minimumSize, segments: evaluated.map(SegmentJSON.init)))
    }

    @Sendable func define(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { throw OtklikError(.invalidInput, "the request body is empty; send the definition as JSON", field: "body") }
        let defined = try SegmentDefinition.parseList(Data(buffer.readableBytesView))
        try await repository.define(defined, now: Date())
        await slicer.forget()
        return JSONResponse.make(.ok, ["defined": defined.map(\.code)])
    }

    @Sendable func detail(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        let offset = try CustomerController.integer(request.uri.queryParameters["offset"].map { String($0) }, name: "offset", default: 0, range: 0...1_000_000)
        let limit = try CustomerController.integer(request.uri.queryParameters["limit"].map { String($0) }, name: "limit", default: 50, range: 1...1000)
        let evaluated = try await segments.evaluate(code: code)
        let page = evaluated.members.dropFirst(offset).prefix(limit).map(SegmentMemberJSON.init)
        return JSONResponse.make(.ok, SegmentDetailJSON(segment: SegmentJSON(evaluated), offset: offset, limit: limit, members: Array(page)))
    }

    @Sendable func personas(_ request: Request, context: AppRequestContext) async throws -> Response {
        let lang = try ChurnController.lang(request)
        let choice = try Self.choice(request.uri.queryParameters["k"].map { String($0) })
        return JSONResponse.make(.ok, PersonasJSON(try await segments.personas(choice: choice, lang: lang)))
    }

    static func choice(_ text: String?) throws(OtklikError) -> PersonaAnalysis.Choice {
        guard let text, !text.isEmpty, text != "auto" else { return .auto }
        guard let k = Int(text), (2...8).contains(k) else { throw .invalid("k", "k is auto or a whole number from 2 to 8") }
        return .fixed(k)
    }
}
