import Foundation
import Hummingbird
import OtklikCore
import OtklikInterchange
import OtklikStore

/// Merges, the review queue and the customer and consent imports over the API:
/// `POST /api/v1/customers/merges` `{"survivor", "absorbed", "evidence"?}` merges (201, the journal entry);
/// `DELETE /api/v1/customers/merges/{id}` undoes one (refused after an erasure: 409);
/// `GET /api/v1/customers/review` lists the open probable matches; `POST /api/v1/customers/review/{id}` with
/// `{"decision": "merge" | "keep_apart"}` decides one; `POST /api/v1/customers/import` and
/// `POST /api/v1/customers/consents` take the CSV files of `otklik import customers` / `consents` (text/csv, all or nothing).
struct CustomerMergeController {
    let database: AppDatabase
    var audit: SQLAuditLog { SQLAuditLog(database: database.sql) }

    struct MergeBody: Decodable {
        var survivor: String
        var absorbed: String
        var evidence: [String: String]?
    }

    struct DecisionBody: Decodable {
        var decision: String
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("customers/review", use: review)
        group.post("customers/review/{id}", use: decide)
        group.post("customers/merges", use: merge)
        group.delete("customers/merges/{id}", use: unmerge)
        group.post("customers/import", use: importCustomers)
        group.post("customers/consents", use: importConsents)
    }

    static func actor(_ context: AppRequestContext) -> String { "api:\(context.apiKey?.name ?? "key")" }

    @Sendable func merge(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(MergeBody.self, from: request, context: context)
        var evidence = body.evidence ?? [:]
        if evidence["rule"] == nil { evidence["rule"] = "manual" }
        let merge = try await database.customerMerges.merge(survivor: body.survivor, absorbed: body.absorbed, evidence: evidence, actor: Self.actor(context))
        try await audit.record("merge", by: Self.actor(context), customer: merge.survivor, detail: .merged(merge: merge.id, absorbed: merge.absorbed, review: nil))
        return JSONResponse.make(.created, CustomerMergeJSON(merge))
    }

    @Sendable func unmerge(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let merge = try await database.customerMerges.unmerge(id: id, actor: Self.actor(context))
        try await audit.record("unmerge", by: Self.actor(context), customer: merge.survivor, detail: .unmerged(merge: merge.id, restored: merge.absorbed))
        return JSONResponse.make(.ok, CustomerMergeJSON(merge))
    }

    @Sendable func review(_ request: Request, context: AppRequestContext) async throws -> Response {
        let limit = try CustomerController.integer(request.uri.queryParameters["limit"].map { String($0) }, name: "limit", default: 100, range: 1...1000)
        return JSONResponse.make(.ok, ["items": try await database.customerReview.open(limit: limit).map(CustomerReviewJSON.init)])
    }

    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let body = try await JSONBody.decode(DecisionBody.self, from: request, context: context)
        switch body.decision {
        case "merge":
            let merge = try await database.customerReview.merge(item: id, actor: Self.actor(context))
            try await audit.record("merge", by: Self.actor(context), customer: merge.survivor, detail: .merged(merge: merge.id, absorbed: merge.absorbed, review: id))
            return JSONResponse.make(.created, CustomerMergeJSON(merge))
        case "keep_apart":
            try await database.customerReview.keepApart(item: id, actor: Self.actor(context))
            try await audit.record("review", by: Self.actor(context), customer: nil, detail: .keptApart(review: id))
            return JSONResponse.make(.ok, ["id": id, "decision": "kept_apart"])
        default:
            throw OtklikError.invalid("decision", "decision is merge or keep_apart")
        }
    }

    static func csv(_ request: Request, context: AppRequestContext) async throws -> String {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { throw OtklikError(.invalidInput, "the request body is empty; send CSV", field: "body") }
        guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else {
            throw OtklikError(.invalidInput, "the CSV is not UTF-8", field: "body")
        }
        return text
    }

    @Sendable func importCustomers(_ request: Request, context: AppRequestContext) async throws -> Response {
        let rows = try CustomerCSV.parse(try await Self.csv(request, context: context))
        let summary = try await SQLCustomerImport(database: database.sql).importRows(rows, actor: Self.actor(context))
        try await audit.record("import", by: Self.actor(context), customer: nil, detail: .customersImported(rows: summary.rows, created: summary.created))
        return JSONResponse.make(.ok, ["rows": summary.rows, "created": summary.created, "merged": summary.merges.count, "reviewed": summary.reviewed, "super_nodes": summary.superNodes])
    }

    @Sendable func importConsents(_ request: Request, context: AppRequestContext) async throws -> Response {
        let consents = try ConsentCSV.parse(try await Self.csv(request, context: context))
        try await database.consents.record(consents)
        try await audit.record("import", by: Self.actor(context), customer: nil, detail: .consentsImported(count: consents.count))
        return JSONResponse.make(.ok, ["recorded": consents.count])
    }
}
