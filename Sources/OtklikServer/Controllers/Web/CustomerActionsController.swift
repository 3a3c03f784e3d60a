import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// The customer pages' actions, for admins and managers (viewers get 403), each a CSRF-checked form that redirects
/// back with a result message: `POST /customers/review/{id}` with `decision` = `merge` or `keep_apart` decides a
/// probable match (a pair kept apart is remembered and not proposed again); `POST /customers/{id}/unmerge` with
/// `merge` undoes a journaled merge. Every decision is journaled with the signed-in user as its actor (`web:NAME`) and
/// written to the audit log as the API's are (`merge`, `review`, `unmerge` by `user:NAME`).
struct CustomerActionsController {
    let database: AppDatabase
    var audit: SQLAuditLog { SQLAuditLog(database: database.sql) }

    struct DecisionForm: Decodable {
        var decision: String
    }

    struct UnmergeForm: Decodable {
        var merge: String
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("customers/review/{id}", use: decide)
        group.post("customers/{id}/unmerge", use: unmerge)
    }

    static func actor(_ context: AppRequestContext) throws -> String {
        guard let user = context.user, user.role != .viewer else {
            throw OtklikError(.forbidden, "only admins and managers merge, keep apart or unmerge customers")
        }
        return "web:\(user.username)"
    }

    static func form<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T {
        let body = try await request.body.collect(upTo: 16 * 1024)
        return try URLEncodedFormDecoder().decode(T.self, from: String(buffer: body))
    }

    static func query(_ pairs: [(String, String)]) -> String {
        pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
    }

    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try Self.actor(context)
        let id = try context.parameters.require("id")
        let form = try await Self.form(DecisionForm.self, request)
        let done: [(String, String)]
        switch form.decision {
        case "merge":
            let merge = try await database.customerReview.merge(item: id, actor: actor)
            try await audit.record(
                "merge", by: PersonalDataAuditMiddleware.actor(context), customer: merge.survivor,
                detail: .merged(merge: merge.id, absorbed: merge.absorbed, review: id))
            done = [("done", "merged"), ("survivor", merge.survivor), ("absorbed", merge.absorbed)]
        case "keep_apart":
            guard let item = try await database.customerReview.item(id: id) else { throw OtklikError(.notFound, "no such review item", field: "id") }
            try await database.customerReview.keepApart(item: id, actor: actor)
            try await audit.record("review", by: PersonalDataAuditMiddleware.actor(context), customer: nil, detail: .keptApart(review: id))
            done = [("done", "kept_apart"), ("survivor", item.left), ("absorbed", item.right)]
        default:
            throw OtklikError.invalid("decision", "decision is merge or keep_apart")
        }
        return Response(status: .seeOther, headers: [.location: "/customers?" + Self.query(done) + "#review-h"])
    }

    @Sendable func unmerge(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try Self.actor(context)
        let id = try context.parameters.require("id")
        let form = try await Self.form(UnmergeForm.self, request)
        guard try await database.customerMerges.merges(of: id).contains(where: { $0.id == form.merge }) else {
            throw OtklikError(.notFound, "customer \(id) took part in no merge \(form.merge)", field: "merge")
        }
        let merge = try await database.customerMerges.unmerge(id: form.merge, actor: actor)
        try await audit.record(
            "unmerge", by: PersonalDataAuditMiddleware.actor(context), customer: merge.survivor, detail: .unmerged(merge: merge.id, restored: merge.absorbed))
        let done = [("done", "unmerged"), ("survivor", merge.survivor), ("absorbed", merge.absorbed)]
        return Response(status: .seeOther, headers: [.location: CustomersPageController.href(id) + "?" + Self.query(done)])
    }

    /// The result message of the last action, from the redirect's query: "Merged B into A." and the like.
    static func notice(_ parameters: Parameters, text: [String: String]) -> String? {
        guard let done = parameters["done"].map(String.init), ["merged", "kept_apart", "unmerged"].contains(done),
            let survivor = parameters["survivor"].map(String.init), let absorbed = parameters["absorbed"].map(String.init)
        else { return nil }
        return (text["customers_done_\(done)"] ?? done).replacingOccurrences(of: "{a}", with: survivor).replacingOccurrences(of: "{b}", with: absorbed)
    }
}
