import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore
import OtklikMetrics

/// `/customers/at-risk`: today's churn model (``ChurnModelCache``) — its validation on the later window (AUC with its
/// interval and n, recency alone, top-decile lift, calibration) beside the customers most at risk, ranked, each with up to
/// three reasons in words. `POST /customers/at-risk/refit` (not for viewers) fits the model again on what the store
/// holds now. Every signed-in role reads.
struct AtRiskPageController {
    let cache: ChurnModelCache
    let pages: PageRenderer
    let timeZone: TimeZone

    static let shown = 50

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("customers/at-risk", use: page)
        group.post("customers/at-risk/refit", use: refit)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (language, text) = pages.text(for: request)
        var page = AtRiskPage(canRefit: context.permits(.changeConfiguration))
        let query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { _, last in last })
        let asked = try ChurnQuery(query: query, today: try await cache.today())
        page.asOfField = asked.asOf.map(CivilDate.iso) ?? ""
        page.horizonField = asked.horizonDays.map(String.init) ?? ""
        page.activeField = asked.activeDays.map(String.init) ?? ""
        do {
            let fitted = try await asked.fitted(cache, lang: language)
            let v = fitted.result.validation
            let customers = fitted.result.customers.prefix(Self.shown)
            page.model = AtRiskPage.Model(
                asOf: PageDate.day(CivilDate.iso(fitted.asOf), text: text),
                fittedAt: PageDate.moment(fitted.fittedAt, timeZone: timeZone, text: text), horizonDays: fitted.horizonDays,
                activeDays: fitted.activeDays, scored: fitted.result.customers.count, shown: customers.count,
                auc: Self.decimal(v.auc, 2), aucLow: Self.decimal(v.aucInterval?.first, 2), aucHigh: Self.decimal(v.aucInterval?.last, 2),
                recencyAUC: Self.decimal(v.recencyAUC, 2), lift: Self.decimal(v.topDecileLift, 1), n: v.n, churned: v.churned,
                churnRate: Self.percent(v.churnRate), trainFeaturesAt: PageDate.day(v.window?.trainFeaturesAt ?? "", text: text),
                validationFeaturesAt: PageDate.day(v.window?.validationFeaturesAt ?? "", text: text),
                validationLabelsThrough: PageDate.day(v.window?.validationLabelsThrough ?? "", text: text),
                calibration: v.calibration.map { .init(bin: $0.bin, predicted: Self.percent($0.predicted), observed: Self.percent($0.observed), n: $0.n) })
            page.rows = customers.enumerated().map { index, customer in
                AtRiskPage.Row(
                    rank: index + 1, href: "/customers/\(customer.customer.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? customer.customer)",
                    customer: customer.customer, probability: Self.percent(customer.churnProbability), reasons: customer.reasons.map(\.text), hasReasons: !customer.reasons.isEmpty)
            }
            page.hasRows = !page.rows.isEmpty
        } catch let error as ChurnUnavailable {
            page.unavailable = error.words(text)
        }
        return pages.render("customers-at-risk", page: page, titleKey: "churn_title", request: request, context: context)
    }

    @Sendable func refit(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = context.user, user.role != .viewer else { throw OtklikError(.forbidden, "viewers cannot refit the churn model") }
        await cache.refit()
        return Response(status: .seeOther, headers: [.location: "/customers/at-risk"])
    }

    static func decimal(_ value: Double?, _ digits: Int) -> String {
        value.map { String(format: "%.\(digits)f", $0) } ?? "—"
    }

    static func percent(_ value: Double) -> String {
        String(format: "%.0f %%", 100 * value)
    }
}
