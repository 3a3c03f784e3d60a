import Foundation
import OtklikInterchange
import OtklikMetrics
import Testing

/// `otklik analyze clv` on the real CDNOW master file (69,659 transactions, 23,570 customers) against
/// `scripts/reference/clv.py`, which fits BG/NBD and Gamma-Gamma from scratch with SciPy: parameters within 1 %,
/// log-likelihoods within 0.01, the hold-out and chosen customers' P(alive), expected purchases, spend and CLV.
@Suite struct CLVCLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let cdnow = root.deletingLastPathComponent().appendingPathComponent("shared/data/clv/CDNOW_master.txt")
    static let hasData = FileManager.default.fileExists(atPath: cdnow.path)
    static let hasSciPy: Bool = (try? python(["-c", "import scipy, numpy"]).status) == 0

    static func python(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try run(URL(fileURLWithPath: "/usr/bin/env"), ["python3"] + arguments)
    }

    static func run(_ executable: URL, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = root
        var environment = ProcessInfo.processInfo.environment
        environment["OTKLIK_DB"] = nil
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self), String(decoding: errors, as: UTF8.self))
    }

    static func otklik(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try run(try #require(CLITests.binary), arguments)
    }

    private func close(_ value: Any?, _ expected: Any?, relative: Double) -> Bool {
        guard let value = value as? Double, let expected = expected as? Double else { return false }
        return abs(value - expected) <= relative * abs(expected)
    }

    @Test(.enabled(if: CLITests.binary != nil, "the otklik executable is not built"),
          .enabled(if: hasData, "../shared/data/clv/CDNOW_master.txt is absent: the CDNOW check needs the shared data"),
          .enabled(if: hasSciPy, "python3 with scipy and numpy is absent: pip install scipy numpy"))
    func cdnowMasterMatchesTheSciPyReference() throws {
        let customers = ["00001", "00002", "07592", "22279", "14048", "12000"]
        let reference = try Self.python(["scripts/reference/clv.py", Self.cdnow.path, "1997-09-30", "1998-06-30", "--customers", customers.joined(separator: ",")])
        #expect(reference.status == 0, "\(reference.stderr)")
        let expected = try #require(JSONSerialization.jsonObject(with: Data(reference.stdout.utf8)) as? [String: Any])
        let run = try Self.otklik([
            "analyze", "clv", "--input", Self.cdnow.path, "--input-format", "cdnow", "--calibration-end", "1997-09-30",
            "--holdout-end", "1998-06-30", "--format", "json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let result = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout.prefix(500))")
        #expect(result["model"] as? String == "bg_nbd" && result["time_unit"] as? String == "week")
        #expect(result["customers"] as? Int == 23_570 && expected["customers"] as? Int == 23_570)
        let parameters = try #require(result["parameters"] as? [String: Any]), reference4 = try #require(expected["parameters"] as? [String: Any])
        for name in ["r", "alpha", "a", "b"] {
            #expect(close(parameters[name], reference4[name], relative: 0.01), "\(name): \(parameters[name] ?? "nil") vs \(reference4[name] ?? "nil")")
        }
        let ll = try #require(result["log_likelihood"] as? Double), referenceLL = try #require(expected["log_likelihood"] as? Double)
        #expect(abs(ll - referenceLL) <= 0.01, "log-likelihood \(ll) vs \(referenceLL)")
        let holdout = try #require(result["holdout"] as? [String: Any]), referenceHoldout = try #require(expected["holdout"] as? [String: Any])
        #expect(holdout["actual_repeat_transactions"] as? Int == referenceHoldout["actual_repeat_transactions"] as? Int)
        #expect(close(holdout["predicted_repeat_transactions"], referenceHoldout["predicted_repeat_transactions"], relative: 0.01))
        let spend = try #require(result["spend"] as? [String: Any]), referenceSpend = try #require(expected["spend"] as? [String: Any])
        #expect(spend["model"] as? String == "gamma_gamma")
        #expect(spend["customers"] as? Int == referenceSpend["customers"] as? Int && spend["excluded"] as? Int == referenceSpend["excluded"] as? Int)
        let pqv = try #require(spend["parameters"] as? [String: Any]), referencePQV = try #require(referenceSpend["parameters"] as? [String: Any])
        for name in ["p", "q", "v"] {
            #expect(close(pqv[name], referencePQV[name], relative: 0.01), "\(name): \(pqv[name] ?? "nil") vs \(referencePQV[name] ?? "nil")")
        }
        let spendLL = try #require(spend["log_likelihood"] as? Double), referenceSpendLL = try #require(referenceSpend["log_likelihood"] as? Double)
        #expect(abs(spendLL - referenceSpendLL) <= 0.01)
        let detail = try #require(result["customers_detail"] as? [[String: Any]])
        #expect(detail.count == 23_570)
        let byCustomer = Dictionary(uniqueKeysWithValues: detail.map { ($0["customer"] as? String ?? "", $0) })
        let referenceDetail = try #require(expected["customers_detail"] as? [String: [String: Any]])
        // The first customer started on 1997-01-01: T = 272 days / 7 at the calibration end 1997-09-30.
        #expect(close(byCustomer["00001"]?["T"], 272.0 / 7, relative: 1e-12))
        for id in customers {
            let row = try #require(byCustomer[id], "\(id)"), want = try #require(referenceDetail[id], "\(id)")
            #expect(row["x"] as? Int == want["x"] as? Int)
            for field in ["t_x", "T"] { #expect(close(row[field], want[field], relative: 1e-9) || (row[field] as? Double == 0 && want[field] as? Double == 0)) }
            for field in ["p_alive", "expected_purchases", "expected_spend", "clv"] {
                #expect(close(row[field], want[field], relative: 0.01), "\(id) \(field): \(row[field] ?? "nil") vs \(want[field] ?? "nil")")
            }
        }

        // The value's intervals (``CLVInterval``): the log-parameters' standard errors within 3 % of SciPy's (its own
        // likelihood, fit and finite differences), and each customer's 95 % interval from 200 draws within a fifth of
        // the interval's width of SciPy's from 20,000 draws (Monte Carlo error of a 2.5th percentile of 200 draws is
        // about 5 % of the width).
        let purchases = try CDNOWTransactions.parse(try String(contentsOf: Self.cdnow, encoding: .utf8))
            .map { Purchase(customer: $0.customer, day: $0.day, amount: $0.amount) }
        let end = try #require(CivilDate.parseISO("1997-09-30"))
        let fitted = try CLVAnalysis.analyze(purchases, settings: .init(calibrationEnd: end))
        let summaries = RepeatPurchaseSummary.summarize(purchases, calibrationEnd: end)
        let interval = try #require(CLVInterval(customers: summaries, purchases: fitted.parameters, spend: fitted.spend.parameters))
        let errors = try #require(expected["log_standard_errors"] as? [String: [Double]])
        for (ours, theirs) in [(interval.purchaseErrors, errors["bg_nbd"] ?? []), (interval.spendErrors, errors["gamma_gamma"] ?? [])] {
            #expect(ours.count == theirs.count && zip(ours, theirs).allSatisfy { abs($0 - $1) <= 0.03 * $1 }, "\(ours) vs \(theirs)")
        }
        let summaryOf = Dictionary(uniqueKeysWithValues: summaries.map { ($0.customer, $0) })
        for id in customers {
            let figures = interval.figures(try #require(summaryOf[id]), horizonMonths: 12, monthlyDiscountRate: 0.01)
            let want = try #require(referenceDetail[id]?["interval"] as? [String: [Double]], "\(id)")
            for (name, got) in [("p_alive", figures.pAlive), ("expected_purchases", figures.expectedPurchases), ("expected_spend", figures.expectedSpend), ("clv", figures.clv)] {
                let bounds = try #require(want[name]), width = bounds[1] - bounds[0]
                let low = try #require(got.low), high = try #require(got.high)
                #expect(abs(low - bounds[0]) <= 0.2 * width + 1e-9 && abs(high - bounds[1]) <= 0.2 * width + 1e-9, "\(id) \(name): [\(low); \(high)] vs \(bounds)")
                let point = try #require(byCustomer[id]?[name] as? Double)
                #expect(low <= point + 1e-9 && point <= high + 1e-9, "\(id) \(name): the fitted value \(point) inside [\(low); \(high)]")
            }
        }
    }

    @Test(.enabled(if: CLITests.binary != nil, "the otklik executable is not built"))
    func badInputGetsAClearError() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-clv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("bad.txt")
        try "00001 19970101 1 11.77\r\n00001 19970231 1 5.00\r\n".write(to: file, atomically: true, encoding: .utf8)
        let cases: [([String], String)] = [
            (["--input", file.path, "--calibration-end", "1997-09-30"], "line 2, column date: '19970231' is not a date YYYYMMDD"),
            (["--input", file.path, "--calibration-end", "30.09.1997"], "--calibration-end must be a date YYYY-MM-DD"),
            (["--input", file.path, "--calibration-end", "1997-09-30", "--holdout-end", "1997-01-01"], "--holdout-end must be a date YYYY-MM-DD after"),
            (["--calibration-end", "1997-09-30"], "pass either --input FILE or --db URL"),
        ]
        for (arguments, message) in cases {
            let run = try Self.otklik(["analyze", "clv"] + arguments)
            #expect(run.status != 0, "\(arguments): \(run.stdout)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
        }
        try "00001 19970101 1 11.77\n00002 19970105 2 20.00\n".write(to: file, atomically: true, encoding: .utf8)
        let noRepeat = try Self.otklik(["analyze", "clv", "--input", file.path, "--calibration-end", "1997-09-30"])
        #expect(noRepeat.status != 0 && noRepeat.stderr.contains("needs repeat buyers"), "\(noRepeat.stderr)")
    }

    /// A small generated CDNOW-format file: imported twice (the second adds nothing), then `analyze clv --db` gives
    /// what `--input` gives on the file itself.
    @Test(.enabled(if: CLITests.binary != nil, "the otklik executable is not built"))
    func importedTransactionsGiveTheSameValueAsTheFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-clv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var seed: UInt64 = 20_261_203
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(n))
        }
        var lines = ["customer_id date number_of_cds dollar_value"]
        for customer in 1...300 {
            var day = next(60)
            let purchases = 1 + next(4) * next(4)
            for _ in 0..<purchases where day < 500 {
                let stamp = CivilDate.iso(CivilDate.days(year: 1997, month: 1, day: 1)! + day).replacingOccurrences(of: "-", with: "")
                lines.append(String(format: "%05d ", customer) + stamp + String(format: " %d %d.%02d", 1 + next(3), 5 + next(60), next(100)))
                day += 1 + next(120)
            }
        }
        lines.append(lines[1])  // an identical line: kept as a second purchase
        let file = directory.appendingPathComponent("small.txt")
        try (lines.joined(separator: "\r\n") + "\r\n").write(to: file, atomically: true, encoding: .utf8)
        let db = "sqlite:" + directory.appendingPathComponent("v.sqlite").path
        let first = try Self.otklik(["import", "transactions", "--format", "cdnow", file.path, "--db", db])
        #expect(first.status == 0 && first.stdout.contains("imported \(lines.count - 1), already present 0"), "\(first.stdout) \(first.stderr)")
        let again = try Self.otklik(["import", "transactions", "--format", "cdnow", file.path, "--db", db])
        #expect(again.status == 0 && again.stdout.contains("imported 0, already present \(lines.count - 1)"), "\(again.stdout) \(again.stderr)")
        let period = ["--calibration-end", "1997-09-30", "--holdout-end", "1998-06-30", "--format", "json"]
        let fromFile = try Self.otklik(["analyze", "clv", "--input", file.path] + period)
        let fromStore = try Self.otklik(["analyze", "clv", "--db", db] + period)
        #expect(fromFile.status == 0 && fromStore.status == 0, "\(fromFile.stderr) \(fromStore.stderr)")
        #expect(!fromFile.stdout.isEmpty && fromFile.stdout == fromStore.stdout)
    }
}
