import Foundation
import OtklikApplication
import OtklikMetrics

/// The churn API's answers: the model's as-of date, when it was fitted and its validation, with either the customers most
/// at risk or one customer's score.
struct ChurnJSON: Encodable {
    var asOf: String
    var fittedAt: String
    var horizonDays: Int
    var activeDays: Int
    var validation: ChurnValidation
    var scored: Int

    init(_ fitted: ChurnModelCache.Fitted) {
        asOf = CivilDate.iso(fitted.asOf)
        fittedAt = ISO8601DateFormatter().string(from: fitted.fittedAt)
        horizonDays = fitted.horizonDays
        activeDays = fitted.activeDays
        validation = fitted.result.validation
        scored = fitted.result.customers.count
    }

    enum CodingKeys: String, CodingKey {
        case asOf = "as_of", fittedAt = "fitted_at", horizonDays = "horizon_days", activeDays = "active_days", validation, scored
    }
}

/// `GET /api/v1/customers/at-risk`: the model and the `limit` customers with the highest churn probability.
struct AtRiskJSON: Encodable {
    var model: ChurnJSON
    var customers: [ChurnResult.Customer]
}

/// `GET /api/v1/customers/{id}/churn`: one customer's probability and reasons (null with `scored` false when the customer
/// made no purchase in the active days before the as-of date) and the model beside it.
struct CustomerChurnJSON: Encodable {
    var customer: String
    var scored: Bool
    var churnProbability: Double?
    var reasons: [ChurnModel.Reason]
    var note: String?
    var model: ChurnJSON

    enum CodingKeys: String, CodingKey {
        case customer, scored, churnProbability = "churn_probability", reasons, note, model
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(customer, forKey: .customer)
        try container.encode(scored, forKey: .scored)
        try container.encode(churnProbability, forKey: .churnProbability)
        try container.encode(reasons, forKey: .reasons)
        try container.encodeIfPresent(note, forKey: .note)
        try container.encode(model, forKey: .model)
    }
}
