/// The JSON of `otklik analyze clv` (issue 18): the BG/NBD parameters and log-likelihood, the hold-out check, the
/// Gamma-Gamma spend model and one row per customer.
public struct CLVResult: Sendable, Encodable {
    public var model = "bg_nbd"
    public var timeUnit = "week"
    public var customers: Int
    public var calibrationEnd: String
    public var holdoutEnd: String?
    public var parameters: BGNBDModel
    public var logLikelihood: Double
    public var holdout: Holdout?
    public var spend: Spend
    public var discountRate: Double
    public var horizonMonths: Int
    public var margin: Double
    public var totalCLV: Double
    public var customersDetail: [CustomerValue]
    /// Seconds spent fitting both models (not in the JSON).
    public var fitSeconds: Double

    public struct Holdout: Sendable, Encodable {
        public var weeks: Double
        public var actualRepeatTransactions: Int
        public var predictedRepeatTransactions: Double

        enum CodingKeys: String, CodingKey {
            case weeks, actualRepeatTransactions = "actual_repeat_transactions", predictedRepeatTransactions = "predicted_repeat_transactions"
        }
    }

    public struct Spend: Sendable, Encodable {
        public var model = "gamma_gamma"
        public var parameters: GammaGammaModel
        public var logLikelihood: Double
        /// Repeat buyers with a mean spend above zero, the ones the model is fitted on.
        public var customers: Int
        /// The others (no repeat occasion, or a mean spend of zero or less); they get the population mean.
        public var excluded: Int
        public var populationMean: Double

        enum CodingKeys: String, CodingKey {
            case model, parameters, logLikelihood = "log_likelihood", customers, excluded, populationMean = "population_mean"
        }
    }

    public struct CustomerValue: Sendable, Encodable {
        public var customer: String
        public var x: Int
        public var tx: Double
        public var T: Double
        public var meanSpend: Double
        public var pAlive: Double
        public var expectedPurchases: Double
        public var expectedSpend: Double
        public var clv: Double

        enum CodingKeys: String, CodingKey {
            case customer, x, tx = "t_x", T, meanSpend = "mean_spend", pAlive = "p_alive", expectedPurchases = "expected_purchases"
            case expectedSpend = "expected_spend", clv
        }
    }

    enum CodingKeys: String, CodingKey {
        case model, timeUnit = "time_unit", customers, calibrationEnd = "calibration_end", holdoutEnd = "holdout_end", parameters
        case logLikelihood = "log_likelihood", holdout, spend, discountRate = "discount_rate", horizonMonths = "horizon_months", margin
        case totalCLV = "total_clv", customersDetail = "customers_detail"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(model, forKey: .model)
        try c.encode(timeUnit, forKey: .timeUnit)
        try c.encode(customers, forKey: .customers)
        try c.encode(calibrationEnd, forKey: .calibrationEnd)
        try c.encode(holdoutEnd, forKey: .holdoutEnd)
        try c.encode(parameters, forKey: .parameters)
        try c.encode(logLikelihood, forKey: .logLikelihood)
        try c.encode(holdout, forKey: .holdout)
        try c.encode(spend, forKey: .spend)
        try c.encode(discountRate, forKey: .discountRate)
        try c.encode(horizonMonths, forKey: .horizonMonths)
        try c.encode(margin, forKey: .margin)
        try c.encode(totalCLV, forKey: .totalCLV)
        try c.encode(customersDetail, forKey: .customersDetail)
    }
}
