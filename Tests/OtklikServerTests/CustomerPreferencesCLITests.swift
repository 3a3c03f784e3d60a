import Foundation
import Testing

/// `otklik customers preferences` (validated, nothing half-written, options not given kept), `customers show
/// --format json` with `value`, and `otklik analyze acquisition --format json`.
@Suite struct CustomerPreferencesCLITests {
    @Test(.enabled(if: CLITests.binary != nil, "the otklik executable is not built"))
    func preferencesValueAndAcquisitionFromTheCommandLine() throws {
        let directory = try CLITests.scratchFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = "sqlite:\(directory.path)/x.sqlite"
        func run(_ arguments: [String]) throws -> (status: Int32, output: String) { try CLITests.run(arguments + ["--db", db], in: directory) }
        let file = directory.appendingPathComponent("c.csv")
        try "id,acquisition_source,acquired_at\nC1,ads,2026-05-03T10:00:00Z\nC2,referral,\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(try run(["import", "customers", file.path]).status == 0)

        let set = try run(["customers", "preferences", "C1", "--channel", "sms", "--lang", "ru", "--quiet-hours", "21:00-09:00", "--max-per-week", "2"])
        #expect(set.status == 0 && set.output.contains("quiet hours 21:00-09:00"), "\(set.output)")
        let refused = try run(["customers", "preferences", "C1", "--channel", "email", "--quiet-hours", "25:00-09:00"])
        #expect(refused.status != 0 && refused.output.contains("quiet_hours"), "\(refused.output)")
        let kept = try run(["customers", "preferences", "C1", "--max-per-week", "3"])
        #expect(kept.output.contains("channel sms") && kept.output.contains("at most 3 a week"), "the refused write changed nothing; options not given are kept")
        #expect(try run(["customers", "preferences", "nobody", "--lang", "en"]).status != 0)

        let shown = try run(["customers", "show", "C1", "--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(shown.output.utf8)) as? [String: Any] ?? [:]
        let value = json["value"] as? [String: Any]
        #expect(value?["status"] as? String == "not_enough_data" && value?["n"] as? Int == 0, "\(shown.output.prefix(2000))")
        #expect((json["contact_preferences"] as? [String: Any])?["quiet_hours"] as? String == "21:00-09:00")

        let costs = directory.appendingPathComponent("costs.csv")
        try "period,channel,amount\n2026-05,ads,1000\n".write(to: costs, atomically: true, encoding: .utf8)
        #expect(try run(["import", "acquisition-costs", costs.path]).status == 0)
        let acquisition = try run(["analyze", "acquisition", "--format", "json"])
        let report = try JSONSerialization.jsonObject(with: Data(acquisition.output.utf8)) as? [String: Any] ?? [:]
        #expect((report["channels"] as? [[String: Any]])?.first?["cac"] as? Double == 1000, "\(acquisition.output)")
        #expect(report["bought"] as? Int == 1 && report["earned"] as? Int == 1)
    }
}
