import Foundation

/// What `otklik analyze churn` prints and the churn API serves: the validation of the model and every active
/// customer's churn probability with its reasons, highest probability first.
public struct ChurnResult: Sendable, Codable {
    public struct Customer: Sendable, Equatable, Codable {
        public var customer: String
        public var churnProbability: Double
        public var reasons: [ChurnModel.Reason]

        enum CodingKeys: String, CodingKey { case customer, churnProbability = "churn_probability", reasons }
    }

    public struct Coefficient: Sendable, Equatable, Codable {
        public var signal: String
        public var coefficient: Double
    }

    public var validation: ChurnValidation
    public var customers: [Customer]
    /// The refitted model's weights per standardised signal and its intercept.
    public var coefficients: [Coefficient]
    public var intercept: Double
    public var fittedOn: Int

    enum CodingKeys: String, CodingKey { case validation, customers, coefficients, intercept, fittedOn = "fitted_on" }
}
