import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore

/// Value per customer (issue 18 item 5): BG/NBD (Fader, Hardie & Lee 2005) for repeat purchases and P(alive) and
/// Gamma-Gamma (Fader & Hardie 2013) for spend, fitted on every stored transaction up to today (the organisation's
/// day) — once per clock hour: the first request in an hour fits, later ones in the same hour read the cached fit.
/// Fewer than ``minimumCustomers`` customers in the fit, a fit that fails, or a customer without transactions give
/// "not enough data" rather than a number.
public actor CustomerValueModel {
    public static let minimumCustomers = CustomerValueDefaults.minimumCustomers
    public static let horizonMonths = CustomerValueDefaults.horizonMonths
    public static let monthlyDiscountRate = CustomerValueDefaults.monthlyDiscountRate

    /// One fit: its day, time, size and per-customer values; or why there is none.
    public struct Fit: Sendable {
        public var asOf: String
        public var fittedAt: Date
        public var customers: Int
        public var repeatBuyers: Int
        public var values: [String: CLVResult.CustomerValue]
        public var notEnoughData: String?
        /// The parameters' uncertainty, for each customer's intervals (nil: the fit's curvature does not pin them down).
        public var interval: CLVInterval?
    }

    let database: AppDatabase
    private var cached: (hour: Int64, fit: Fit)?

    public init(database: AppDatabase) {
        self.database = database
    }

    /// The value of one customer (the one it was merged into, if merged), from the fit of this hour.
    public func value(of customer: String, now: Date = Date()) async throws -> CustomerValueJSON {
        let fit = try await fit(now: now)
        let value = fit.notEnoughData == nil ? fit.values[customer] : nil
        var json = CustomerValueJSON(customer: customer, fit: fit, value: value)
        if let value, let interval = fit.interval {
            json.intervals(interval.figures(
                RepeatPurchaseSummary(customer: value.customer, x: value.x, tx: value.tx, T: value.T, meanSpend: value.meanSpend),
                horizonMonths: Self.horizonMonths, monthlyDiscountRate: Self.monthlyDiscountRate))
        }
        return json
    }

    /// This hour's fit, fitting it when the cached one is from an earlier hour.
    public func fit(now: Date = Date()) async throws -> Fit {
        let hour = Int64((now.timeIntervalSince1970 / 3600).rounded(.down))
        if let cached, cached.hour == hour { return cached.fit }
        let fit = try await Self.fit(database: database, now: now)
        cached = (hour, fit)
        return fit
    }

    static func fit(database: AppDatabase, now: Date) async throws -> Fit {
        let zone = TimeZone(identifier: try await database.reference.organisation().timezone) ?? .gmt
        let today = Int(LocalCalendar.day(of: now, in: zone))
        var purchases: [Purchase] = []
        try await database.transactions.forEachChunk(size: 50_000) { chunk in
            purchases += chunk.map { Purchase(customer: $0.customer, day: Int(LocalCalendar.day(of: $0.ts, in: zone)), amount: $0.amount) }
        }
        return fit(purchases, today: today, now: now)
    }

    /// The fit on `purchases` as of `today` (days since 1970-01-01).
    public static func fit(_ purchases: [Purchase], today: Int, now: Date) -> Fit {
        let asOf = CivilDate.iso(today)
        let customers = Set(purchases.lazy.filter { $0.day <= today }.map(\.customer)).count
        var fit = Fit(asOf: asOf, fittedAt: now, customers: customers, repeatBuyers: 0, values: [:])
        guard customers >= minimumCustomers else {
            fit.notEnoughData = "the fit needs at least \(minimumCustomers) customers with transactions; there are \(customers)"
            return fit
        }
        do {
            let summaries = RepeatPurchaseSummary.summarize(purchases, calibrationEnd: today)
            let result = try CLVAnalysis.analyze(
                summarized: summaries, settings: .init(calibrationEnd: today, monthlyDiscountRate: monthlyDiscountRate, horizonMonths: horizonMonths))
            fit.customers = result.customers
            fit.repeatBuyers = result.spend.customers
            fit.values = Dictionary(result.customersDetail.map { ($0.customer, $0) }, uniquingKeysWith: { first, _ in first })
            fit.interval = CLVInterval(
                customers: summaries, purchases: result.parameters, spend: result.spend.parameters)
        } catch let error as ValueModelError {
            fit.notEnoughData = error.description
        } catch {
            fit.notEnoughData = "the fit failed: \(error)"
        }
        return fit
    }
}
