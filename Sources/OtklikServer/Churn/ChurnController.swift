import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore
import OtklikStore

/// `GET /api/v1/customers/at-risk?limit=&lang=` (the customers most at risk of churning, highest probability first) and
/// `GET /api/v1/customers/{id}/churn?lang=` (one customer's probability and reasons), both with the model's as-of date and
/// validation; the model is today's, cached per day (``ChurnModelCache``), or the one `as_of`, `horizon_days` and
/// `active_days` ask for (``ChurnQuery``). `lang` (ru or en, default en) words the reasons.
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

    func fitted(_ request: Request, lang: String) async throws -> ChurnModelCache.Fitted {
        let query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { _, last in last })
        let asked = try ChurnQuery(query: query, today: try await cache.today())
        do {
            return try await asked.fitted(cache, lang: lang)
        } catch let error as ChurnUnavailable {
            throw OtklikError(.unavailable, error.description)
        }
    }

    @Sendable func atRisk(_ request: Request, context: AppRequestContext) async throws -> Response {
        let limit = try CustomerController.integer(request.uri.queryParameters["limit"].map { String($0) }, name: "limit", default: 20, range: 1...1000)
        let fitted = try await fitted(request, lang: try Self.lang(request))
        return JSONResponse.make(.ok, AtRiskJSON(
            model: ChurnJSON(fitted),
            customers: Array(fitted.result.customers.prefix(limit))))
    }

    @Sendable func customer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let lang = try Self.lang(request)
        guard try await customers.customer(id: id) != nil else { throw OtklikError(.notFound, "no such customer", field: "id") }
        let fitted = try await fitted(request, lang: lang)
        let model = ChurnJSON(fitted)
        guard let score = fitted.result.customers.first(where: { $0.customer == id }) else {
            return JSONResponse.make(.ok, CustomerChurnJSON(
                customer: id, scored: false, churnProbability: nil, reasons: [],
                note: "not scored: no purchase in the \(fitted.activeDays) days before \(model.asOf)", model: model))
        }
        return JSONResponse.make(.ok, CustomerChurnJSON(
            customer: id, scored: true, churnProbability: score.churnProbability, reasons: score.reasons, note: nil, model: model))
    }
}
