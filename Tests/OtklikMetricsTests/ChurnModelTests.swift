import Foundation
import OtklikMetrics
import Testing

/// The churn model's pieces: AUC with ties by hand, the validation figures by hand, the logistic fit against
/// `scripts/reference/churn_logistic.py` (SciPy) when python3 with numpy and scipy is present, and always against its
/// own optimality condition; reasons in words.
@Suite struct ChurnModelTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let hasSciPy: Bool = (try? python(["-c", "import scipy, numpy"], input: nil).status) == 0

    static func python(_ arguments: [String], input: Data?) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.currentDirectoryURL = root
        let out = Pipe(), err = Pipe(), stdin = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(input) }
        try stdin.fileHandleForWriting.close()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self), String(decoding: errors, as: UTF8.self))
    }

    @Test func aucCountsTiesAsOneHalf() {
        // Positives 0.35, 0.8; negatives 0.1, 0.4: pairs won 1 + 0 + 1 + 1 = 3 of 4.
        #expect(RankAUC.auc(scores: [0.1, 0.4, 0.35, 0.8], positives: [false, false, true, true]) == 0.75)
        // Positives 1, 3; negatives 1, 2: 0.5 + 0 + 1 + 1 = 2.5 of 4.
        #expect(RankAUC.auc(scores: [1, 1, 2, 3], positives: [false, true, false, true]) == 0.625)
        #expect(RankAUC.auc(scores: [5, 5, 5], positives: [true, false, false]) == 0.5)
        #expect(RankAUC.auc(scores: [1, 2], positives: [true, true]) == nil)
    }

    @Test func validationFiguresByHand() {
        // 20 customers, probabilities 0.05, 0.10, …, 1.00; the top two (0.95, 1.00) churned and two of the rest (0.05, 0.50).
        let p = (1...20).map { Double($0) / 20 }
        let churned = p.map { [1.0, 0.95, 0.05, 0.5].contains($0) }
        let recency = p.map { 1 - $0 }  // recency ranks exactly backwards
        let v = ChurnValidation.measure(probabilities: p, recency: recency, churned: churned)
        #expect(v.n == 20 && v.churned == 4 && v.churnRate == 0.2)
        // Top decile = the top 2, both churned: rate 1 over 0.2.
        #expect(v.topDecileLift == 5)
        // Positives' ranks 20, 19, 1, 10: U = 50 − 10 = 40 of 4 × 16 = 64.
        #expect(v.auc == 40.0 / 64)
        #expect(v.recencyAUC == 24.0 / 64)
        #expect(v.calibration.count == 10 && v.calibration.allSatisfy { $0.n == 2 })
        #expect(v.calibration[0].bin == 1 && abs(v.calibration[0].predicted - 0.075) < 1e-12 && v.calibration[0].observed == 0.5)
        #expect(v.calibration[9].observed == 1 && abs(v.calibration[9].predicted - 0.975) < 1e-12)
    }

    /// A seeded sample: 400 rows of three standardised-ish columns with outcomes from a known logistic model.
    static func sample() -> (x: [[Double]], y: [Bool]) {
        var state: UInt64 = 42
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (Double(state >> 11) + 0.5) / Double(1 << 53)
        }
        func normal() -> Double { (-2 * log(uniform())).squareRoot() * cos(2 * .pi * uniform()) }
        var x: [[Double]] = [], y: [Bool] = []
        for _ in 0..<400 {
            let row = [normal(), normal(), uniform() < 0.2 ? 1.0 : 0.0]
            x.append(row)
            y.append(uniform() < LogisticRegression.sigmoid(-0.5 + 0.8 * row[0] - 0.3 * row[1] + 1.5 * row[2]))
        }
        return (x, y)
    }

    @Test func logisticFitIsAtItsOptimum() {
        let (x, y) = Self.sample()
        let fit = LogisticRegression.fit(x, y, lambda: 1)
        #expect(fit.iterations < 20)
        // The gradient of the penalised negative log-likelihood is zero at the fit.
        var gradient = [0.0, 0.0, 0.0, 0.0]
        for (row, outcome) in zip(x, y) {
            let residual = fit.probability(row) - (outcome ? 1 : 0)
            gradient[0] += residual
            for j in 0..<3 { gradient[j + 1] += residual * row[j] }
        }
        for j in 0..<3 { gradient[j + 1] += fit.coefficients[j] }
        #expect(gradient.allSatisfy { abs($0) < 1e-8 }, "\(gradient)")
        #expect(fit.coefficients[0] > 0.4 && fit.coefficients[1] < 0 && fit.coefficients[2] > 0.5)
    }

    @Test(.enabled(if: hasSciPy, "python3 with scipy and numpy is absent: pip install scipy numpy"))
    func logisticFitAndAUCMatchSciPy() throws {
        let (x, y) = Self.sample()
        let fit = LogisticRegression.fit(x, y, lambda: 1)
        let scores = x.map { fit.probability($0) }
        let input = try JSONSerialization.data(withJSONObject: [
            "x": x, "y": y.map { $0 ? 1 : 0 }, "lambda": 1.0, "scores": scores, "positives": y.map { $0 ? 1 : 0 },
        ])
        let run = try Self.python(["scripts/reference/churn_logistic.py"], input: input)
        #expect(run.status == 0, "\(run.stderr)")
        let reference = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let intercept = try #require(reference["intercept"] as? Double)
        let coefficients = try #require(reference["coefficients"] as? [Double])
        #expect(abs(fit.intercept - intercept) < 1e-5, "\(fit.intercept) vs \(intercept)")
        for j in 0..<3 { #expect(abs(fit.coefficients[j] - coefficients[j]) < 1e-5, "β\(j + 1) \(fit.coefficients[j]) vs \(coefficients[j])") }
        let auc = try #require(reference["auc"] as? Double)
        #expect(abs((RankAUC.auc(scores: scores, positives: y) ?? 0) - auc) < 1e-12)
    }

    @Test func reasonsNameTheSignalsThatRaiseTheRiskInWords() throws {
        // Ten customers; the four with an unresolved complaint churned, plus one other.
        var features: [ChurnFeatures] = []
        var churned: Set<String> = []
        for i in 0..<10 {
            let id = "C\(i)"
            features.append(ChurnFeatures(customer: id, values: [
                .recency: Double(5 + i), .frequency: Double(3 + i % 3), .monetary: 1000, .tenure: 300, .unresolvedComplaint: i < 4 ? 1 : 0,
            ]))
            if i < 4 || i == 9 { churned.insert(id) }
        }
        let model = try ChurnModel.fit(features, churned: churned)
        let risky = model.score(features[0], lang: "en")
        #expect(risky.reasons.first?.signal == "unresolved_complaint")
        #expect(risky.reasons.first?.text == "unresolved complaints or cases: 1")
        #expect(model.score(features[0], lang: "ru").reasons.first?.text == "нерешённые жалобы и обращения: 1")
        #expect(risky.probability > model.probability(features[5]))
        #expect(risky.reasons.allSatisfy { $0.contribution > 0 })
        // Monetary and tenure are constant: no weight, never a reason.
        #expect(!risky.reasons.contains { $0.signal == "monetary" || $0.signal == "tenure" })
        #expect(throws: ChurnModelError.oneClass(customers: 10, churned: 0)) { try ChurnModel.fit(features, churned: []) }
    }
}
