import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// `/api/v1/customers?q=…` finds customers by name, phone, e-mail or external id (normalised before matching);
/// `/api/v1/customers/{id}?offset=&limit=` reads one with its identities and a page of its timeline, newest first.
/// A key limited to some locations finds only customers with a record there and reads only those records; another
/// location's customer is 404.
struct CustomerController {
    let customers: any CustomerRepository
    let database: AppDatabase

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("customers", use: search)
        group.get("customers/{id}", use: get)
    }

    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let exact = try Self.exactIdentity(request.uri.queryParameters) {
            let owner = try await SQLCustomerLookup(database: database.sql).owner(of: exact)
            var found: Customer?
            if let owner, try await customers.isVisible(owner, within: context.accessScope.locationCodes) {
                found = try await customers.customer(id: owner)
            }
            return JSONResponse.make(.ok, ["items": found.map { [CustomerJSON($0)] } ?? []])
        }
        let query = try Self.query(request.uri.queryParameters["q"].map { String($0) })
        let limit = try Self.integer(request.uri.queryParameters["limit"].map { String($0) }, name: "limit", default: 20, range: 1...100)
        let found = try await customers.search(query, limit: limit, locations: context.accessScope.locationCodes)
        return JSONResponse.make(.ok, ["items": found.map { CustomerJSON($0) }])
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let parameters = request.uri.queryParameters
        let offset = try Self.integer(parameters["offset"].map { String($0) }, name: "offset", default: 0, range: 0...1_000_000)
        let limit = try Self.integer(parameters["limit"].map { String($0) }, name: "limit", default: 50, range: 1...200)
        guard let detail = try await CustomerDetailJSON.load(
            id, database: database, offset: offset, limit: limit, locations: context.accessScope.locationCodes) else {
            throw OtklikError(.notFound, "no such customer", field: "id")
        }
        return JSONResponse.make(.ok, detail)
    }

    /// `phone=`, `email=` or `external_id=` (one of them): the identity it names, normalised as on writes.
    static func exactIdentity(_ parameters: Parameters) throws(OtklikError) -> CustomerIdentity? {
        let given = [("phone", IdentityKind.phone), ("email", .email), ("external_id", .external)].compactMap { name, kind in
            parameters[Substring(name)].map { (name, kind, String($0)) }
        }
        guard let (name, kind, text) = given.first else { return nil }
        guard given.count == 1 else { throw .invalid(name, "give one of phone, email and external_id") }
        switch IdentityNormalizer.normalize(text, as: kind) {
        case .identity(let identity): return identity
        case .blocked: throw .invalid(name, "a placeholder value names nobody")
        case .rejected(let reason): throw .invalid(name, reason)
        }
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
