import Foundation
import OtklikCore
import OtklikStore

/// The demo's registered experiment (issue 19 item 5): a greeter at the door on some days — a switchback, the unit of
/// randomisation the organisation-local day, 50:50 by ``ExperimentAssignment`` — over the last ``horizonDays`` days, NPS
/// its metric. Planted in ``DemoFeedbackGenerator``: on the greeter's days one NPS answer in five that is not a complaint
/// (chosen by a hash of the record's index, not the random stream, so the rest of the demo is drawn as before) becomes
/// a 10. The planted effect is then `plantedShare` × (100 − the NPS those answers would have had) points, about
/// +12; `ExperimentDemoTests` checks the result's interval contains it.
public enum DemoExperiment {
    public static let code = "greeter"
    public static let horizonDays = 56
    public static let plantedShare = 0.2
    static let timeZone = TimeZone(identifier: "Europe/Moscow")!

    public static let definition = """
        {"code": "greeter", "name": "Встречающий у входа", "hypothesis": "Встречающий у входа в дни дежурства поднимает NPS отделений не меньше чем на 5 пунктов",
         "unit": "day", "variants": [{"name": "без встречающего", "allocation": 50}, {"name": "встречающий", "allocation": 50}],
         "metric": "nps", "outcome": "nps", "horizon_days": 56, "alpha": 0.05, "sequential": false}
        """

    static let variants = [Experiment.Variant(name: "без встречающего", allocation: 50), Experiment.Variant(name: "встречающий", allocation: 50)]

    public static func start(end: Date) -> Date { end.addingTimeInterval(-Double(horizonDays) * 86_400) }

    /// Whether the record's NPS answer is planted: in the window, on a greeter's day, and one in five by its index.
    static func planted(index: Int, at ts: Date, end: Date) -> Bool {
        guard ts >= start(end: end), ts < end else { return false }
        guard HoldoutAssignment.unit("demo-greeter:\(index)") < plantedShare else { return false }
        return ExperimentAssignment.variant(experiment: code, unit: ExperimentAssignment.day(ts, timeZone: timeZone), variants: variants) == 1
    }

    /// Registers the experiment, started at the window's start and stopped at the end; again: nothing changes.
    public static func seed(_ database: AppDatabase, end: Date) async throws {
        guard try await database.experiments.experiment(code: code) == nil else { return }
        let experiment = try ExperimentDefinition.parse(Data(definition.utf8))
        try await database.experiments.create(experiment, now: start(end: end).addingTimeInterval(-7 * 86_400))
        try await database.experiments.start(code: code, timeZone: timeZone, now: start(end: end))
        try await database.experiments.stop(code: code, now: end)
    }
}
