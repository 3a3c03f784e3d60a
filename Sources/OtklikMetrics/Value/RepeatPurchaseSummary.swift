/// One customer's purchase history in the form the BG/NBD and Gamma-Gamma models read (Fader, Hardie & Lee 2005):
/// purchases on one day are one occasion; `x` repeat occasions up to the calibration end; `tx` (last − first
/// occasion) and `T` (calibration end − first occasion) in weeks; `meanSpend` the mean value of the repeat
/// occasions in the calibration period (0 when x = 0); `holdout` the occasions in (calibration end, hold-out end].
public struct RepeatPurchaseSummary: Sendable, Equatable {
    public var customer: String
    public var x: Int
    public var tx: Double
    public var T: Double
    public var meanSpend: Double
    public var holdout: Int

    public init(customer: String, x: Int, tx: Double, T: Double, meanSpend: Double = 0, holdout: Int = 0) {
        self.customer = customer
        self.x = x
        self.tx = tx
        self.T = T
        self.meanSpend = meanSpend
        self.holdout = holdout
    }

    /// Summaries of the customers whose first purchase is on or before `calibrationEnd` (days since 1970-01-01),
    /// sorted by customer.
    public static func summarize(_ purchases: [Purchase], calibrationEnd: Int, holdoutEnd: Int? = nil) -> [RepeatPurchaseSummary] {
        var byCustomer: [String: [Int: Double]] = [:]
        for p in purchases {
            byCustomer[p.customer, default: [:]][p.day, default: 0] += p.amount
        }
        var result: [RepeatPurchaseSummary] = []
        result.reserveCapacity(byCustomer.count)
        for (customer, occasions) in byCustomer {
            let days = occasions.keys.sorted()
            guard let first = days.first, first <= calibrationEnd else { continue }
            var last = first, x = 0, spend = 0.0, holdout = 0
            for day in days.dropFirst() {
                if day <= calibrationEnd {
                    x += 1
                    last = day
                    spend += occasions[day]!
                } else if let holdoutEnd, day <= holdoutEnd {
                    holdout += 1
                }
            }
            result.append(RepeatPurchaseSummary(
                customer: customer, x: x, tx: Double(last - first) / 7, T: Double(calibrationEnd - first) / 7,
                meanSpend: x > 0 ? spend / Double(x) : 0, holdout: holdout))
        }
        result.sort { $0.customer < $1.customer }
        return result
    }
}
