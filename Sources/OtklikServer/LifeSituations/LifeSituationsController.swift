import Foundation
import Hummingbird
import OtklikCore
import OtklikInterchange
import OtklikStore

/// `/api/v1/life-situations`: `GET` the catalogue with each situation's detections, its customers' request figures and
/// precision and recall against the labels; `PUT` one situation or `{"situations": [...]}` as JSON, or the CSV
/// (`Content-Type: text/csv`) — all or nothing, an existing code replaced, so a retry changes nothing;
/// `GET /life-situations/detections?customer=` a customer's detections with their evidence.
struct LifeSituationsController {
    let repository: any LifeSituationRepository

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("life-situations", use: list)
        group.put("life-situations", use: define)
        group.get("life-situations/detections", use: detections)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(.ok, try await LifeSituationListJSON.load(repository))
    }

    @Sendable func define(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { throw OtklikError(.invalidInput, "the request body is empty; send the catalogue as JSON or CSV", field: "body") }
        let data = Data(buffer.readableBytesView)
        let csv = request.headers[.contentType]?.lowercased().hasPrefix("text/csv") ?? false
        let defined = csv ? try LifeSituationCSV.parse(String(decoding: data, as: UTF8.self)) : try LifeSituationDefinition.parseList(data)
        try await repository.define(defined, now: Date())
        return JSONResponse.make(.ok, ["defined": defined.map(\.code)])
    }

    struct DetectionJSON: Encodable {
        struct Evidence: Encodable {
            let kind: String
            let code: String
            let record: String
            let at: Date
        }

        let id: String
        let situation: String
        let customer: String
        let detectedAt: Date
        let evidence: [Evidence]

        enum CodingKeys: String, CodingKey { case id, situation, customer, detectedAt = "detected_at", evidence }
    }

    @Sendable func detections(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let customer = request.uri.queryParameters["customer"].map({ String($0) }), !customer.isEmpty else {
            throw OtklikError(.invalidInput, "name the customer: ?customer=ID", field: "customer")
        }
        let found = try await repository.detections(customer: customer).map { detection in
            DetectionJSON(
                id: detection.id, situation: detection.situation, customer: detection.customer, detectedAt: detection.detectedAt,
                evidence: detection.evidence.map { .init(kind: $0.signal.kind.rawValue, code: $0.signal.code, record: $0.record, at: $0.at) })
        }
        return JSONResponse.make(.ok, ["detections": found])
    }
}
