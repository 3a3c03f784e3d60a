import Foundation
import Testing

/// `otklik analyze experiment` on the fixtures `python3 scripts/reference/experiment.py generate` wrote, against the
/// figures `python3 scripts/reference/experiment.py check` computes from scratch with NumPy and SciPy.
@Suite struct ExperimentCLITests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    private func analyze(_ arguments: [String]) throws -> [String: Any] {
        let (status, output) = try CLITests.run(["analyze", "experiment", "--format", "json"] + arguments, in: Self.fixtures)
        #expect(status == 0, "\(output)")
        return try #require(JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "\(output)")
    }

    private func close(_ value: Any?, _ expected: Double, _ tolerance: Double = 1e-7) -> Bool {
        guard let value = value as? Double else { return false }
        return abs(value - expected) <= tolerance * max(1, abs(expected))
    }

    private let units = ["--input", "experiment-units.csv", "--unit", "unit", "--variant", "variant"]

    @Test(.enabled(if: CLITests.binary != nil, "the otklik executable is not built"))
    func npsAndItsSequentialFormMatchTheReference() throws {
        let result = try analyze(units + ["--metric", "nps", "--outcome", "nps"])
        #expect(result["test"] as? String == "nps_trinomial_z")
        #expect((result["control"] as? [String: Any])?["n"] as? Int == 389 && (result["treatment"] as? [String: Any])?["n"] as? Int == 402)
        #expect(close((result["control"] as? [String: Any])?["value"], 17.4807197943))
        #expect(close(result["effect"], 15.1063448823) && close(result["ci_low"], 3.83152955064) && close(result["ci_high"], 26.3811602139))
        #expect(close(result["p_value"], 0.00863897108022, 1e-6) && result["significant"] as? Bool == true)
        #expect(result["excluded"] as? Int == 9 && result["variance_reduction"] is NSNull && result["clusters"] is NSNull)
        #expect(close((result["srm"] as? [String: Any])?["p_value"], 0.643918695361, 1e-6))
        // Looked at after 800 of 2,000 planned units, the always-valid interval is much wider and includes 0.
        let sequential = try analyze(units + ["--metric", "nps", "--outcome", "nps", "--sequential", "--planned-units", "2000"])
        #expect(sequential["test"] as? String == "nps_trinomial_z+msprt" && sequential["significant"] as? Bool == false)
        #expect(close(sequential["p_value"], 0.148868145629, 1e-6))
        #expect(close(sequential["ci_low"], -2.8774418727) && close(sequential["ci_high"], 33.0901316372))
    }

    @Test(.enabled(if: CLITests.binary != nil, "the otklik executable is not built"))
    func proportionMeanAndCupedMatchTheReference() throws {
        let share = try analyze(units + ["--metric", "proportion", "--outcome", "resolved", "--outcome-map", "yes=1,no=0", "--control", "control"])
        #expect(share["test"] as? String == "two_proportion_z")
        #expect(close(share["effect"], 8.43008171252) && close(share["ci_low"], 2.32975212598) && close(share["ci_high"], 14.5304112991))
        #expect(close(share["p_value"], 0.00691454563082, 1e-6))
        let mean = try analyze(units + ["--metric", "mean", "--outcome", "ces"])
        #expect(mean["test"] as? String == "welch_t")
        #expect(close(mean["effect"], -0.239100724597) && close(mean["ci_low"], -0.407930576516, 1e-6) && close(mean["p_value"], 0.0055644828782, 1e-6))
        let cuped = try analyze(units + ["--metric", "mean", "--outcome", "ces", "--pre", "pre"])
        #expect(cuped["test"] as? String == "welch_t_cuped")
        #expect(close(cuped["effect"], -0.257875639047) && close(cuped["ci_low"], -0.376120225422, 1e-6) && close(cuped["ci_high"], -0.139631052673, 1e-6))
        #expect(close(cuped["p_value"], 2.08769849878e-05, 1e-5) && close(cuped["variance_reduction"], 0.503480600121))
    }

    @Test(.enabled(if: CLITests.binary != nil, "the otklik executable is not built"))
    func fewClustersUseRandomisationInference() throws {
        let result = try analyze([
            "--input", "experiment-clusters.csv", "--unit", "visit", "--variant", "arm", "--metric", "nps", "--outcome", "nps", "--cluster", "location",
        ])
        #expect(result["test"] as? String == "randomisation")
        #expect((result["clusters"] as? [String: Any])?["control"] as? Int == 6)
        #expect(close(result["effect"], 8.75) && close(result["ci_low"], -4.67159571362, 1e-6) && close(result["ci_high"], 22.1715957136, 1e-6))
        #expect(close(result["p_value"], 0.192640692641) && result["significant"] as? Bool == false)
    }

    @Test(.enabled(if: CLITests.binary != nil, "the otklik executable is not built"))
    func badInputGetsAClearError() throws {
        let cases: [([String], String)] = [
            (units + ["--outcome", "nps", "--control", "baseline"], "the control value 'baseline' is not in --variant"),
            (units + ["--outcome", "resolved"], "line 2: outcome 'yes' is not a whole number 0-10"),
            (units + ["--outcome", "nps", "--allocation", "50"], "--allocation must be control:treatment"),
            (["--input", "experiment-units.csv", "--unit", "variant", "--variant", "variant", "--outcome", "nps"], "appears on lines 2 and"),
            (["--input", "experiment-units.csv", "--unit", "unit", "--variant", "unit", "--outcome", "nps"], "must hold exactly two values"),
            (units + ["--outcome", "nope"], "no column 'nope'"),
        ]
        for (arguments, message) in cases {
            let (status, output) = try CLITests.run(["analyze", "experiment"] + arguments, in: Self.fixtures)
            #expect(status == 1, "\(arguments): \(output)")
            #expect(output.contains(message), "\(arguments): \(output)")
        }
    }
}
