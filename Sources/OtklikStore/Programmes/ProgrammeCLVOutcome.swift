import Foundation
import OtklikCore
import OtklikMetrics

/// The `clv` outcome of a programme report: each enrolled customer's CLV at the end of their outcome window, from the
/// model the customer value uses (BG/NBD for repeat purchases, Gamma-Gamma for spend; 12 months, 1 % a month:
/// ``CustomerValueDefaults``). The model is fitted once per report, on every stored transaction up to the latest window
/// end among the customers reported (the organisation's day); each customer's value is then computed from their own
/// purchases up to their own window's end day (x, t_x, T and mean spend as of that day), so a purchase after the window
/// does not count. A customer with no purchase by their window's end counts as 0 (the model values buyers only).
/// Fewer than ``CustomerValueDefaults/minimumCustomers`` customers in the fit, or a fit that fails, give no values (nil):
/// the report then has no observations. It is a predicted value, only as good as the fit.
enum ProgrammeCLVOutcome {
    /// Each customer's CLV at their window's end day (`ends`: customer → day), from purchases (a refund negative).
    static func values(ends: [String: Int], purchases: [Purchase]) -> [String: Double]? {
        guard let fitDay = ends.values.max() else { return [:] }
        let fitted = Set(purchases.lazy.filter { $0.day <= fitDay }.map(\.customer)).count
        guard fitted >= CustomerValueDefaults.minimumCustomers else { return nil }
        let summaries = RepeatPurchaseSummary.summarize(purchases, calibrationEnd: fitDay)
        guard let purchaseModel = try? BGNBDModel.fit(summaries).model, let spendModel = try? GammaGammaModel.fit(GammaGammaModel.usable(summaries)).model
        else { return nil }
        var own: [String: [Purchase]] = [:]
        for purchase in purchases where ends[purchase.customer] != nil { own[purchase.customer, default: []].append(purchase) }
        var values: [String: Double] = [:]
        for (customer, end) in ends {
            guard let summary = RepeatPurchaseSummary.summarize(own[customer] ?? [], calibrationEnd: end).first else {
                values[customer] = 0
                continue
            }
            values[customer] = CustomerLifetimeValue.value(
                summary, purchases: purchaseModel, spend: spendModel.expectedSpend(x: summary.x, meanSpend: summary.meanSpend),
                horizonMonths: CustomerValueDefaults.horizonMonths, monthlyDiscountRate: CustomerValueDefaults.monthlyDiscountRate)
        }
        return values
    }
}
