import Foundation

/// Discounted customer lifetime value as the `lifetimes` library's `customer_lifetime_value` computes it with
/// weekly data: for each month i = 1…H, the expected purchases in month i (the conditional expectation up to
/// i·4.345 weeks minus that up to (i−1)·4.345) times the expected spend and the margin, divided by (1 + d)^i.
public enum CustomerLifetimeValue {
    /// Weeks per month, as `lifetimes` counts them.
    public static let weeksPerMonth = 4.345

    public static func value(
        _ c: RepeatPurchaseSummary, purchases model: BGNBDModel, spend: Double, horizonMonths: Int, monthlyDiscountRate: Double, margin: Double = 1
    ) -> Double {
        var total = 0.0
        var previous = 0.0
        for month in stride(from: 1, through: horizonMonths, by: 1) {
            let cumulative = model.expectedPurchases(in: Double(month) * weeksPerMonth, x: c.x, tx: c.tx, T: c.T)
            total += margin * spend * (cumulative - previous) / pow(1 + monthlyDiscountRate, Double(month))
            previous = cumulative
        }
        return total
    }
}
