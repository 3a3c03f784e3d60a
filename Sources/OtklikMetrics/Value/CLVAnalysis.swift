import Foundation

/// `otklik analyze clv`: BG/NBD and Gamma-Gamma fitted on the calibration period, the hold-out check, and per
/// customer P(alive), expected purchases over the horizon, expected spend and discounted CLV.
public enum CLVAnalysis {
    public struct Settings: Sendable {
        public var calibrationEnd: Int
        public var holdoutEnd: Int?
        public var monthlyDiscountRate: Double
        public var horizonMonths: Int
        public var margin: Double

        public init(calibrationEnd: Int, holdoutEnd: Int? = nil, monthlyDiscountRate: Double = 0.01, horizonMonths: Int = 12, margin: Double = 1) {
            self.calibrationEnd = calibrationEnd
            self.holdoutEnd = holdoutEnd
            self.monthlyDiscountRate = monthlyDiscountRate
            self.horizonMonths = horizonMonths
            self.margin = margin
        }
    }

    public static func analyze(_ purchases: [Purchase], settings: Settings) throws -> CLVResult {
        try analyze(
            summarized: RepeatPurchaseSummary.summarize(purchases, calibrationEnd: settings.calibrationEnd, holdoutEnd: settings.holdoutEnd),
            settings: settings)
    }

    /// The same on customers already summarised with the settings' calibration and hold-out ends (a caller that also
    /// needs the summaries, as the customer value's intervals do, summarises the purchases once).
    public static func analyze(summarized customers: [RepeatPurchaseSummary], settings: Settings) throws -> CLVResult {
        let started = ContinuousClock.now
        let (model, logLikelihood) = try BGNBDModel.fit(customers)
        let buyers = GammaGammaModel.usable(customers)
        let (spend, spendLogLikelihood) = try GammaGammaModel.fit(buyers)
        let fitTime = started.duration(to: .now)
        var holdout: CLVResult.Holdout?
        if let end = settings.holdoutEnd {
            let weeks = Double(end - settings.calibrationEnd) / 7
            var predicted = 0.0
            for c in customers { predicted += model.expectedPurchases(in: weeks, x: c.x, tx: c.tx, T: c.T) }
            holdout = CLVResult.Holdout(
                weeks: weeks, actualRepeatTransactions: customers.reduce(0) { $0 + $1.holdout }, predictedRepeatTransactions: predicted)
        }
        let horizonWeeks = Double(settings.horizonMonths) * CustomerLifetimeValue.weeksPerMonth
        let detail = customers.map { c in
            let expectedSpend = spend.expectedSpend(x: c.x, meanSpend: c.meanSpend)
            return CLVResult.CustomerValue(
                customer: c.customer, x: c.x, tx: c.tx, T: c.T, meanSpend: c.meanSpend,
                pAlive: model.probabilityAlive(x: c.x, tx: c.tx, T: c.T),
                expectedPurchases: model.expectedPurchases(in: horizonWeeks, x: c.x, tx: c.tx, T: c.T),
                expectedSpend: expectedSpend,
                clv: CustomerLifetimeValue.value(
                    c, purchases: model, spend: expectedSpend, horizonMonths: settings.horizonMonths,
                    monthlyDiscountRate: settings.monthlyDiscountRate, margin: settings.margin))
        }
        let seconds = Double(fitTime.components.seconds) + Double(fitTime.components.attoseconds) / 1e18
        return CLVResult(
            customers: customers.count, calibrationEnd: CivilDate.iso(settings.calibrationEnd), holdoutEnd: settings.holdoutEnd.map(CivilDate.iso),
            parameters: model, logLikelihood: logLikelihood, holdout: holdout,
            spend: CLVResult.Spend(parameters: spend, logLikelihood: spendLogLikelihood, customers: buyers.count,
                                   excluded: customers.count - buyers.count, populationMean: spend.populationMean),
            discountRate: settings.monthlyDiscountRate, horizonMonths: settings.horizonMonths, margin: settings.margin,
            totalCLV: detail.reduce(0) { $0 + $1.clv }, customersDetail: detail, fitSeconds: seconds)
    }
}
