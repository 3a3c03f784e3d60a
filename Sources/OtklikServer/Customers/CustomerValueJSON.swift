import Foundation
import OtklikMetrics

/// `GET /api/v1/customers/{id}/value`, `value` in `otklik customers show --format json`, and the page's value section:
/// P(alive), expected purchases in the next 12 months, expected spend per purchase and 12-month CLV, with the model
/// named, the day of the fit and n (customers in the fit); `status` is `not_enough_data` (with `reason`) instead of
/// numbers when the fit has too few customers or the customer has no transaction up to that day.
public struct CustomerValueJSON: Encodable, Sendable {
    public var customer: String
    public var status: String
    public var reason: String?
    public var model = "BG/NBD (Fader, Hardie & Lee 2005) for purchases and P(alive); Gamma-Gamma (Fader & Hardie 2013) for spend"
    public var definition = """
        Fitted on every stored transaction up to as_of (purchases on one day are one occasion, time in weeks). \
        p_alive: probability the customer is still buying. expected_purchases: purchases expected in the next 12 months. \
        expected_spend: expected value of one purchase. clv: expected purchases × expected spend over 12 months, \
        discounted at 1 % a month, revenue (margin 1). intervals: 95 % intervals of each figure from the uncertainty of \
        the fitted parameters (200 draws from their estimates' normal distribution, the observed information, log scale; \
        2.5th and 97.5th percentiles): the uncertainty of the expected value, not of what the customer will buy; null \
        when the fit cannot give them.
        """
    public var cache = "fitted once per clock hour on the transactions stored then"
    public var asOf: String
    public var fittedAt: Date
    public var n: Int
    public var nSpend: Int
    public var horizonMonths = CustomerValueModel.horizonMonths
    public var monthlyDiscountRate = CustomerValueModel.monthlyDiscountRate
    public var repeatPurchases: Int?
    public var pAlive: Double?
    public var expectedPurchases: Double?
    public var expectedSpend: Double?
    public var clv: Double?
    /// 95 % intervals by figure (``CLVInterval``): `p_alive`, `expected_purchases_12m`, `expected_spend`, `clv`.
    public var intervalsByFigure: [String: Interval]?

    public struct Interval: Encodable, Sendable, Equatable {
        public var ciLow: Double?
        public var ciHigh: Double?

        enum CodingKeys: String, CodingKey { case ciLow = "ci_low", ciHigh = "ci_high" }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(ciLow, forKey: .ciLow)
            try c.encode(ciHigh, forKey: .ciHigh)
        }
    }

    /// Sets the intervals of the figures from the draws of ``CLVInterval``.
    mutating func intervals(_ figures: CLVInterval.Figures) {
        func pair(_ i: CLVInterval.Interval) -> Interval { Interval(ciLow: i.low, ciHigh: i.high) }
        intervalsByFigure = [
            "p_alive": pair(figures.pAlive), "expected_purchases_12m": pair(figures.expectedPurchases),
            "expected_spend": pair(figures.expectedSpend), "clv": pair(figures.clv),
        ]
    }

    enum CodingKeys: String, CodingKey {
        case customer, status, reason, model, definition, cache, asOf = "as_of", fittedAt = "fitted_at", n, nSpend = "n_spend"
        case horizonMonths = "horizon_months", monthlyDiscountRate = "monthly_discount_rate", repeatPurchases = "repeat_purchases"
        case pAlive = "p_alive", expectedPurchases = "expected_purchases_12m", expectedSpend = "expected_spend", clv, intervalsByFigure = "intervals"
    }

    init(customer: String, fit: CustomerValueModel.Fit, value: CLVResult.CustomerValue?) {
        self.customer = customer
        asOf = fit.asOf
        fittedAt = fit.fittedAt
        n = fit.customers
        nSpend = fit.repeatBuyers
        if let reason = fit.notEnoughData {
            status = "not_enough_data"
            self.reason = reason
        } else if let value {
            status = "ok"
            repeatPurchases = value.x
            pAlive = value.pAlive
            expectedPurchases = value.expectedPurchases
            expectedSpend = value.expectedSpend
            clv = value.clv
        } else {
            status = "not_enough_data"
            reason = "the customer has no transaction up to \(fit.asOf)"
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(customer, forKey: .customer)
        try c.encode(status, forKey: .status)
        try c.encode(reason, forKey: .reason)
        try c.encode(model, forKey: .model)
        try c.encode(definition, forKey: .definition)
        try c.encode(cache, forKey: .cache)
        try c.encode(asOf, forKey: .asOf)
        try c.encode(fittedAt, forKey: .fittedAt)
        try c.encode(n, forKey: .n)
        try c.encode(nSpend, forKey: .nSpend)
        try c.encode(horizonMonths, forKey: .horizonMonths)
        try c.encode(monthlyDiscountRate, forKey: .monthlyDiscountRate)
        try c.encode(repeatPurchases, forKey: .repeatPurchases)
        try c.encode(pAlive, forKey: .pAlive)
        try c.encode(expectedPurchases, forKey: .expectedPurchases)
        try c.encode(expectedSpend, forKey: .expectedSpend)
        try c.encode(clv, forKey: .clv)
        try c.encode(intervalsByFigure, forKey: .intervalsByFigure)
    }
}
