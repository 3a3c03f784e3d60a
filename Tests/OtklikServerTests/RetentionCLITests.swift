import Foundation
import Testing

/// `otklik analyze retention` (issue 18 item 5, "a shifted-beta-geometric model for subscription businesses") on the two
/// cohorts of Fader & Hardie 2007, against `scripts/reference/sbg.py`, which fits the model with SciPy and takes survival
/// from the beta-function closed form and the discounted expected lifetime from the hypergeometric function: parameters
/// within 0.1 % (and the paper's α = 0.704, β = 1.182 for "regular", 0.668 and 3.806 for "high end"), log-likelihoods
/// within 0.01, survival within 10⁻⁴, DEL within 0.1 %. Bad input: a clear message, exit code not 0, nothing printed.
@Suite struct RetentionCLITests {
    static let regular = "1000,631,468,382,326,289,262,241"
    static let highEnd = "1000,869,743,653,593,551,517,491"

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test(.enabled(if: CLITests.binary != nil, "the otklik executable is not built"),
          .enabled(if: CLVCLITests.hasSciPy, "python3 with scipy and numpy is absent: pip install scipy numpy"))
    func theCohortsOfThePaperMatchTheSciPyReference() throws {
        for (counts, published) in [(Self.regular, (0.704, 1.182)), (Self.highEnd, (0.668, 3.806))] {
            let run = try CLVCLITests.otklik(["analyze", "retention", "--active", counts, "--discount-rate", "0.1", "--value-per-period", "20", "--format", "json"])
            #expect(run.status == 0, "\(run.stderr)")
            let ours = try Self.json(run.stdout)
            let reference = try Self.json(try CLVCLITests.python(["scripts/reference/sbg.py", counts, "0.1", "12"]).stdout)
            let parameters = try #require(ours["parameters"] as? [String: Double])
            let (alpha, beta) = (try #require(parameters["alpha"]), try #require(parameters["beta"]))
            #expect(abs(alpha - (reference["alpha"] as? Double ?? 0)) <= 0.001 * alpha && abs(beta - (reference["beta"] as? Double ?? 0)) <= 0.001 * beta)
            #expect(abs(alpha - published.0) < 0.001 && abs(beta - published.1) < 0.001, "the paper's parameters: \(parameters)")
            #expect(abs((ours["log_likelihood"] as? Double ?? 0) - (reference["log_likelihood"] as? Double ?? 1)) < 0.01)
            let lifetime = try #require(ours["discounted_expected_lifetime"] as? Double)
            let expected = try #require(reference["discounted_expected_lifetime"] as? Double)
            #expect(abs(lifetime - expected) <= 0.001 * expected, "DEL \(lifetime) against ₂F₁ \(expected)")
            #expect(abs((ours["discounted_expected_value"] as? Double ?? 0) - 20 * lifetime) < 1e-9)
            #expect(ours["cohort_size"] as? Int == 1000 && ours["periods_observed"] as? Int == 7 && ours["model"] as? String == "shifted_beta_geometric")
            let periods = try #require(ours["periods"] as? [[String: Any]])
            let survival = try #require(reference["survival"] as? [Double])
            #expect(periods.count == 13 && survival.count == 13)
            for (period, s) in zip(periods, survival) {
                #expect(abs((period["survival"] as? Double ?? -1) - s) < 1e-4, "\(period)")
            }
            #expect(periods[0]["retention_rate"] is NSNull && periods[8]["active_observed"] is NSNull, "no rate before the first period, no count after the last observed")
            #expect(periods[7]["active_observed"] as? Int == Int(counts.split(separator: ",").last!))
        }
        let table = try CLVCLITests.otklik(["analyze", "retention", "--active", Self.regular])
        #expect(table.status == 0 && table.stdout.contains("α = 0.7041, β = 1.1820") && table.stdout.contains("3.69 periods"), "\(table.stdout)")
    }

    @Test(.enabled(if: CLITests.binary != nil, "the otklik executable is not built"))
    func badCountsAreRefusedInWords() throws {
        let cases: [([String], String)] = [
            (["--active", "100,120,90"], "never increase"),
            (["--active", "100,90"], "at least three periods"),
            (["--active", "100,x,80"], "item 2 ('x') is not a whole number"),
            (["--active", "100,90,80", "--discount-rate", "0"], "--discount-rate must be above 0"),
            (["--active", "100,90,80,70", "--periods", "2"], "--periods must be from 3"),
        ]
        for (arguments, message) in cases {
            let run = try CLVCLITests.otklik(["analyze", "retention"] + arguments)
            #expect(run.status != 0 && run.stderr.contains(message) && run.stdout.isEmpty, "\(arguments): \(run.stderr)")
        }
    }
}
