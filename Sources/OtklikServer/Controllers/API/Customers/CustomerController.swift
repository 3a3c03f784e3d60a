import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// `/api/v1/customers?q=…` finds customers by name, phone, e-mail or external id (normalised before matching);
/// `/api/v1/customers/{id}?offset=&limit=` reads one with its identities and a page of its timeline, newest first.
struct CustomerController {
    let customers: any CustomerRepository

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("customers", use: search)
        group.get("customers/{id}", use: get)
    }

    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = try Self.query(request.uri.queryParameters["q"].map { String($0) })
        let limit = try Self.integer(request.uri.queryParameters["limit"].map { String($0) }, name: "limit", default: 20, range: 1...100)
        return JSONResponse.make(.ok, ["items": try await customers.search(query, limit: limit).map { CustomerJSON($0) }])
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let parameters = request.uri.queryParameters
        let offset = try Self.integer(parameters["offset"].map { String($0) }, name: "offset", default: 0, range: 0...1_000_000)
        let limit = try Self.integer(parameters["limit"].map { String($0) }, name: "limit", default: 50, range: 1...200)
        guard let customer = try await customers.customer(id: id) else { throw OtklikError(.notFound, "no such customer", field: "id") }
        let timeline = try await customers.timeline(of: id, offset: offset, limit: limit)
        return JSONResponse.make(.ok, CustomerJSON(customer, timeline: timeline))
    }

    /// The search text: required, at most 200 characters. It is never echoed in an error (it may be a phone).
    static func query(_ text: String?) throws(OtklikError) -> String {
        let query = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !query.isEmpty else { throw .invalid("q", "q is required: a name, phone, e-mail address or external customer id") }
        guard query.count <= 200 else { throw .invalid("q", "q is longer than 200 characters") }
        return query
    }

    static func integer(_ text: String?, name: String, default value: Int, range: ClosedRange<Int>) throws(OtklikError) -> Int {
        guard let text, !text.isEmpty else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw .invalid(name, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }
}
