import Foundation
import OtklikApplication
import OtklikMetrics

/// The churn section of the customer page (`customer-churn.mustache`): the probability and its reasons in words, as
/// `/api/v1/customers/{id}/churn` gives them, from today's model; or why there is none (no model, not scored).
struct CustomerChurnSection: Sendable {
    var scored: Bool
    var probability: String
    var horizon: String
    var reasons: [String]
    var hasReasons: Bool
    var note: String?
    var asOf: String

    /// Nil only when no churn model is held by this server.
    static func make(customer: String, cache: ChurnModelCache?, text: [String: String], language: String) async -> CustomerChurnSection? {
        guard let cache else { return nil }
        let horizon = (text["cust_churn_probability"] ?? "Probability of no purchase within {h} days").replacingOccurrences(of: "{h}", with: String(cache.horizonDays))
        do {
            let fitted = try await cache.current(lang: language)
            let asOf = PageDate.day(CivilDate.iso(fitted.asOf), text: text)
            guard let score = fitted.result.customers.first(where: { $0.customer == customer }) else {
                let note = language == "ru"
                    ? "нет покупки за \(cache.activeDays) дн. до \(asOf)" : "no purchase in the \(cache.activeDays) days before \(asOf)"
                return CustomerChurnSection(scored: false, probability: "—", horizon: horizon, reasons: [], hasReasons: false, note: note, asOf: asOf)
            }
            let reasons = score.reasons.map(\.text)
            return CustomerChurnSection(
                scored: true, probability: String(format: "%.0f %%", 100 * score.churnProbability), horizon: horizon, reasons: reasons,
                hasReasons: !reasons.isEmpty, note: nil, asOf: asOf)
        } catch let error as ChurnUnavailable {
            return CustomerChurnSection(scored: false, probability: "—", horizon: horizon, reasons: [], hasReasons: false, note: error.words(text), asOf: "—")
        } catch {
            let note = language == "ru" ? "модель оттока не удалось построить" : "the churn model could not be fitted"
            return CustomerChurnSection(scored: false, probability: "—", horizon: horizon, reasons: [], hasReasons: false, note: note, asOf: "—")
        }
    }
}
