import ArgumentParser
import Foundation
import OtklikCore
import OtklikInterchange
import OtklikMetrics

/// `otklik analyze clv`: customer lifetime value from a transaction file or the database (``CLVAnalysis``).
struct AnalyzeCLVCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clv",
        abstract: "Customer lifetime value: BG/NBD purchases, Gamma-Gamma spend, P(alive), discounted CLV, with a hold-out check.",
        discussion: """
            Reads transactions from --input (cdnow: customer date(YYYYMMDD) quantity amount; csv: id,ts,customer,amount,…)
            or from the database (--db). Purchases on one day are one occasion. BG/NBD (Fader, Hardie & Lee 2005) is
            fitted on the customers whose first purchase is on or before --calibration-end, in weeks; with --holdout-end
            the predicted repeat purchases in (calibration end, hold-out end] are set beside the actual ones. Gamma-Gamma
            (Fader & Hardie 2013) is fitted on repeat buyers' mean spend per repeat occasion where it is above zero.
            CLV = Σ over --horizon-months months of expected purchases in the month × expected spend × --margin /
            (1 + --discount-rate)^month, as the lifetimes library's customer_lifetime_value computes it.
            """)

    enum InputFormat: String, ExpressibleByArgument { case cdnow, csv }

    @OptionGroup var common: CommonOptions
    @Option(help: "A transaction file (- for standard input), instead of --db.") var input: String?
    @Option(help: "cdnow or csv.") var inputFormat: InputFormat = .cdnow
    @Option(help: "IANA time zone giving a csv transaction's or a stored transaction's day (default UTC; with --db the organisation's).")
    var timezone: String?
    @Option(help: "Last day of the calibration period, YYYY-MM-DD.") var calibrationEnd: String
    @Option(help: "Last day of the hold-out period, YYYY-MM-DD.") var holdoutEnd: String?
    @Option(help: "Discount rate per month.") var discountRate: Double = 0.01
    @Option(help: "CLV horizon in months.") var horizonMonths: Int = 12
    @Option(help: "Margin applied to spend (1 = revenue).") var margin: Double = 1
    @Option(help: "table or json.") var format: AnalyzeCommand.Format = .table

    func run() async throws {
        guard let calibration = CivilDate.parseISO(calibrationEnd) else { throw CommandFailure("--calibration-end must be a date YYYY-MM-DD") }
        var holdout: Int?
        if let holdoutEnd {
            guard let day = CivilDate.parseISO(holdoutEnd), day > calibration else {
                throw CommandFailure("--holdout-end must be a date YYYY-MM-DD after --calibration-end")
            }
            holdout = day
        }
        guard discountRate >= 0, discountRate < 1 else { throw CommandFailure("--discount-rate must be at least 0 and below 1 (per month, e.g. 0.01)") }
        guard (1...600).contains(horizonMonths) else { throw CommandFailure("--horizon-months must be 1 to 600") }
        guard margin > 0, margin.isFinite else { throw CommandFailure("--margin must be above 0") }
        let purchases: [Purchase]
        switch (input, common.db) {
        case (let file?, nil): purchases = try readFile(file)
        case (nil, _?): purchases = try await CLVStoredPurchases.read(common, timezone: timezone)
        default: throw CommandFailure("pass either --input FILE or --db URL")
        }
        let settings = CLVAnalysis.Settings(
            calibrationEnd: calibration, holdoutEnd: holdout, monthlyDiscountRate: discountRate, horizonMonths: horizonMonths, margin: margin)
        let result: CLVResult
        do {
            result = try CLVAnalysis.analyze(purchases, settings: settings)
        } catch let error as ValueModelError {
            throw CommandFailure("\(input ?? "the database"): \(error)")
        }
        note("fitted BG/NBD and Gamma-Gamma on \(result.customers) customers in \(String(format: "%.3f", result.fitSeconds)) s")
        switch format {
        case .json: try printJSON(result)
        case .table: printTable(result)
        }
    }

    private func readFile(_ file: String) throws -> [Purchase] {
        let text = try readInput(file)
        do {
            switch inputFormat {
            case .cdnow:
                return try CDNOWTransactions.parse(text).map { Purchase(customer: $0.customer, day: $0.day, amount: $0.amount) }
            case .csv:
                let zoneName = timezone ?? "UTC"
                guard let zone = TimeZone(identifier: zoneName) else { throw CommandFailure("--timezone: unknown time zone '\(zoneName)'") }
                return try TransactionCSV.parse(text).records.map { CLVStoredPurchases.purchase($0.record, zone: zone) }
            }
        } catch let error as OtklikError {
            throw CommandFailure("\(file): \(error.field.map { "\($0): " } ?? "")\(error.message)")
        }
    }

    private func printTable(_ r: CLVResult) {
        let p = r.parameters, s = r.spend.parameters
        print("BG/NBD on \(r.customers) customers (calibration to \(r.calibrationEnd), weeks): r = \(decimal(p.r, 4)), α = \(decimal(p.alpha, 4)), a = \(decimal(p.a, 4)), b = \(decimal(p.b, 4)); log-likelihood \(decimal(r.logLikelihood, 2))")
        if let h = r.holdout {
            print("hold-out to \(r.holdoutEnd ?? "") (\(decimal(h.weeks, 2)) weeks): actual repeat purchases \(h.actualRepeatTransactions), predicted \(decimal(h.predictedRepeatTransactions, 1))")
        }
        print("Gamma-Gamma on \(r.spend.customers) repeat buyers (\(r.spend.excluded) excluded): p = \(decimal(s.p, 4)), q = \(decimal(s.q, 4)), v = \(decimal(s.v, 4)); mean spend \(decimal(r.spend.populationMean, 2))")
        print("CLV over \(r.horizonMonths) months at \(decimal(100 * r.discountRate, 2)) % a month, margin \(decimal(r.margin, 2)): total \(decimal(r.totalCLV, 2)), mean \(decimal(r.totalCLV / Double(max(r.customers, 1)), 2)) per customer")
        let top = r.customersDetail.sorted { $0.clv > $1.clv }.prefix(10)
        print("top customers by CLV:")
        printColumns([["customer", "x", "t_x", "T", "p_alive", "expected_purchases", "expected_spend", "clv"]] + top.map {
            [$0.customer, "\($0.x)", decimal($0.tx, 2), decimal($0.T, 2), decimal($0.pAlive, 3), decimal($0.expectedPurchases, 2), decimal($0.expectedSpend, 2), decimal($0.clv, 2)]
        })
    }
}
