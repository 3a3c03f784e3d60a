import Foundation
import OtklikCore
import OtklikStore
import Testing

/// `otklik analyze churn --db … --as-of …` on a generated population with a planted signal (customers with an unresolved
/// complaint churn at 60 % against 25 %): the JSON shape of the public interface, customers sorted by probability, the
/// time split's dates, and the model's validation AUC beating recency alone by at least 0.03; bad options get clear errors.
@Suite struct ChurnCLITests {
    @Test(.enabled(if: CLITests.binary != nil, "the otklik executable is not built"))
    func plantedSignalBeatsRecencyOnTheCommandLine() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-churn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = "sqlite:\(directory.path)/churn.sqlite"
        let database = try await AppDatabase.open(url, logger: .init(label: "churn-cli-test"))
        try await PlantedChurnPopulation(asOf: Date(timeIntervalSince1970: 1_782_864_000), customers: 1500).write(database)  // 2026-07-01 UTC
        try await database.close()

        let run = try CLVCLITests.otklik(["analyze", "churn", "--db", url, "--as-of", "2026-06-30", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let result = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout.prefix(300))")
        let validation = try #require(result["validation"] as? [String: Any])
        let auc = try #require(validation["auc"] as? Double), recency = try #require(validation["recency_auc"] as? Double)
        #expect(auc >= recency + 0.03, "AUC \(auc) vs recency \(recency)")
        #expect((validation["top_decile_lift"] as? Double ?? 0) > 1.2)
        #expect((validation["n"] as? Int ?? 0) > 300)
        let calibration = try #require(validation["calibration"] as? [[String: Any]])
        #expect(calibration.count == 10 && calibration.allSatisfy { $0["bin"] is Int && $0["predicted"] is Double && $0["observed"] is Double && $0["n"] is Int })
        let window = try #require(validation["window"] as? [String: Any])
        #expect(window["train_features_at"] as? String == "2026-01-01" && window["validation_features_at"] as? String == "2026-04-01")
        #expect(window["validation_labels_through"] as? String == "2026-06-30" && window["horizon_days"] as? Int == 90)
        let customers = try #require(result["customers"] as? [[String: Any]])
        let probabilities = customers.compactMap { $0["churn_probability"] as? Double }
        #expect(probabilities.count == customers.count && probabilities == probabilities.sorted(by: >))
        let reasons = try #require(customers.first?["reasons"] as? [[String: Any]])
        #expect(reasons.allSatisfy { $0["signal"] is String && $0["contribution"] is Double && $0["text"] is String })
        print("churn on the planted population: AUC \(auc), recency \(recency), n \(validation["n"] ?? ""), lift \(validation["top_decile_lift"] ?? "")")

        let ru = try CLVCLITests.otklik(["analyze", "churn", "--db", url, "--as-of", "2026-06-30", "--lang", "ru", "--horizon-days", "60", "--active-days", "60"])
        #expect(ru.status == 0 && ru.stdout.contains("AUC"), "\(ru.stderr)")
        for (arguments, message) in [
            (["--as-of", "30.06.2026"], "--as-of must be a date YYYY-MM-DD"),
            (["--as-of", "2026-06-30", "--lang", "de"], "--lang must be ru or en"),
            (["--as-of", "2026-06-30", "--horizon-days", "0"], "--horizon-days must be 1 to 3650"),
            (["--as-of", "2020-01-01"], "no churn model as of 2020-01-01: no active customers"),
        ] {
            let bad = try CLVCLITests.otklik(["analyze", "churn", "--db", url] + arguments)
            #expect(bad.status != 0 && bad.stderr.contains(message), "\(arguments): \(bad.stderr)")
        }
    }
}
