import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore
import OtklikStore

/// `GET /api/v1/customers/at-risk?limit=&lang=` (the customers most at risk of churning, highest probability first) and
/// `GET /api/v1/customers/{id}/churn?lang=` (one customer's probability and reasons), both with the model's as-of date and
/// validation; the model is today's, cached per day (``ChurnModelCache``). `lang` (ru or en, default en) words the reasons.
struct ChurnController {
    let cache: ChurnModelCache
    let customers: any CustomerRepository

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("customers/at-risk", use: atRisk)
        group.get("customers/{id}/churn", use: customer)
    }

    static func lang(_ request: Request) throws(OtklikError) -> String {
        let value = request.uri.queryParameters["lang"].map { String($0) } ?? "en"
        guard ["ru", "en"].contains(value) else { throw .invalid("lang", "lang must be ru or en") }
        return value
    }

    func fitted(lang: String) async throws -> ChurnModelCache.Fitted {
        do {
            return try await cache.current(lang: lang)
        } catch let error as ChurnUnavailable {
            throw OtklikError(.unavailable, error.description)
        }
    }

    @Sendable func atRisk(_ request: Request, context: AppRequestContext) async throws -> Response {
        let limit = try CustomerController.integer(request.uri.queryParameters["limit"].map { String($0) }, name: "limit", default: 20, range: 1...1000)
        let fitted = try await fitted(lang: try Self.lang(request))
        return JSONResponse.make(.ok, AtRiskJSON(
            model: ChurnJSON(fitted, horizonDays: cache.horizonDays, activeDays: cache.activeDays),
            customers: Array(fitted.result.customers.prefix(limit))))
    }

    @Sendable func customer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let lang = try Self.lang(request)
        guard try await customers.customer(id: id) != nil else { throw OtklikError(.notFound, "no such customer", field: "id") }
        let fitted = try await fitted(lang: lang)
        let model = ChurnJSON(fitted, horizonDays: cache.horizonDays, activeDays: cache.activeDays)
        guard let score = fitted.result.customers.first(where: { $0.customer == id }) else {
            return JSONResponse.make(.ok, CustomerChurnJSON(
                customer: id, scored: false, churnProbability: nil, reasons: [],
                note: "not scored: no purchase in the \(cache.activeDays) days before \(model.asOf)", model: model))
        }
        return JSONResponse.make(.ok, CustomerChurnJSON(
            customer: id, scored: true, churnProbability: score.churnProbability, reasons: score.reasons, note: nil, model: model))
    }
}
