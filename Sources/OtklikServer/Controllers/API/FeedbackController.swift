import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore
import OtklikStore

/// `/api/v1/feedback`: write one or a batch (idempotent on ids), list with filters and a cursor, read one.
struct FeedbackController {
    let ingest: FeedbackIngest
    let repository: any FeedbackRepository
    let texts: any TextAnalysisRepository
    let timeZone: TimeZone

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("feedback", use: create)
        group.get("feedback", use: list)
        group.get("feedback/{id}", use: get)
    }

    /// Most items one request may carry.
    static let maxBatch = 1_000

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await WriteProfile.stage("POST feedback: handler (decoding, checks, write, engine)") { try await store(request, context: context) }
    }

    private func store(_ request: Request, context: AppRequestContext) async throws -> Response {
        // The common shape in one pass over the bytes; anything else (and every error) through JSONDecoder as before.
        let batch = try await JSONBody.decode(FeedbackBatchJSON.self, from: request, context: context) { bytes in
            FeedbackBatchFastDecoder.decode(bytes).map(FeedbackBatchJSON.init(items:))
        }
        guard batch.items.count <= Self.maxBatch else {
            throw OtklikError(.payloadTooLarge, "a batch holds at most \(Self.maxBatch) items, this one has \(batch.items.count)", field: "items")
        }
        let now = Date()
        var items: [Feedback] = []
        for (index, item) in batch.items.enumerated() {
            do {
                items.append(try item.feedback(now: now))
            } catch {
                throw error.prefixingField("items[\(index)]")
            }
            // A key scoped to some locations writes only feedback at them; nothing of the batch is written otherwise.
            if let last = items.last, !context.accessScope.allows(location: last.location) {
                throw OtklikError(.forbidden, "location '\(last.location ?? "")' is outside the scope of this API key", field: "items[\(index)].location")
            }
        }
        // A retry of an item sent without a time keeps the time of its first delivery: decided in the write's own
        // transaction, so overlapping retries are duplicates too.
        let untimed = Set(batch.items.filter { $0.ts == nil }.map(\.id))
        let outcome = try await ingest.ingest(items, untimed: untimed, now: now)
        let status: HTTPResponse.Status = outcome.inserted.isEmpty ? .ok : .created
        return JSONResponse.make(status, ["inserted": outcome.inserted, "duplicates": outcome.duplicates])
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let parameters = request.uri.queryParameters
        func value(_ key: String) -> String? { parameters.get(key).flatMap { $0.isEmpty ? nil : $0 } }
        func time(_ key: String) throws -> Date? {
            guard let text = value(key) else { return nil }
            guard let date = Timestamp.parse(text, dateOnlyZone: timeZone) else {
                throw OtklikError.invalid(key, "\(key) must be an ISO-8601 time or a date YYYY-MM-DD")
            }
            return date
        }
        var filter = FeedbackFilter(
            from: try time("from"), to: try time("to"), location: value("location"), staff: value("staff"), service: value("service"))
        if let channel = value("channel") {
            guard let parsed = Channel(rawValue: channel) else { throw OtklikError.invalid("channel", "unknown channel '\(channel)'") }
            filter.channel = parsed
        }
        if let kind = value("kind") {
            guard let parsed = FeedbackKind(rawValue: kind) else { throw OtklikError.invalid("kind", "unknown kind '\(kind)'") }
            filter.kind = parsed
        }
        let limit = try value("limit").map { text -> Int in
            guard let number = Int(text), (1...1000).contains(number) else { throw OtklikError.invalid("limit", "limit must be 1-1000") }
            return number
        } ?? 100
        filter.scopeLocations = context.accessScope.locationCodes
        var cursor: FeedbackCursor?
        if let token = value("cursor") {
            guard let parsed = FeedbackCursor(token: token) else { throw OtklikError.invalid("cursor", "cursor is not one this server issued") }
            cursor = parsed
        }
        let page = try await repository.list(filter, after: cursor, limit: limit)
        let analyses = try await texts.analyses(feedbackIDs: page.items.filter { $0.comment != nil }.map(\.id))
        return JSONResponse.make(.ok, FeedbackPageJSON(items: page.items.map { FeedbackJSON($0, analysis: analyses[$0.id]) }, next: page.next?.token))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard let feedback = try await repository.get(id: id), context.accessScope.allows(location: feedback.location) else {
            throw OtklikError(.notFound, "no feedback with id '\(id)'", field: "id")
        }
        let analysis = feedback.comment == nil ? nil : try await texts.analyses(feedbackIDs: [id])[id]
        return JSONResponse.make(.ok, FeedbackJSON(feedback, analysis: analysis))
    }
}

struct FeedbackPageJSON: Encodable {
    var items: [FeedbackJSON]
    var next: String?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(next, forKey: .next)
    }

    enum CodingKeys: String, CodingKey { case items, next }
}
