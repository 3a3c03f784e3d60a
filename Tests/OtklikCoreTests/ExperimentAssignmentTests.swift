import Foundation
import OtklikCore
import Testing

/// Registered experiments' pure parts (issue 19 item 5): the assignment is deterministic and follows the allocation over
/// 10,000 ids; a switchback's unit is the organisation-local date; the JSON definition is refused by field.
@Suite struct ExperimentAssignmentTests {
    static let variants = [Experiment.Variant(name: "control", allocation: 70), Experiment.Variant(name: "new", allocation: 30)]

    @Test func assignmentIsDeterministicAndFollowsTheAllocation() {
        let ids = (1...10_000).map { "C\($0)" }
        let first = ids.map { ExperimentAssignment.variant(experiment: "greeter", unit: $0, variants: Self.variants) }
        let second = ids.map { ExperimentAssignment.variant(experiment: "greeter", unit: $0, variants: Self.variants) }
        #expect(first == second)
        // 30 % of 10,000: the binomial SD is 0.46 pp, the tolerance 1.5 pp is over 3 SD.
        let share = Double(first.filter { $0 == 1 }.count) / 10_000
        #expect(abs(share - 0.30) < 0.015, "treatment share \(share)")
        let half = ids.map { ExperimentAssignment.variant(experiment: "greeter", unit: $0, variants: [.init(name: "a", allocation: 1), .init(name: "b", allocation: 1)]) }
        #expect(abs(Double(half.filter { $0 == 1 }.count) / 10_000 - 0.5) < 0.015)
        // Another experiment draws independently: about 30 % × 30 % of the units are treated in both.
        let other = ids.map { ExperimentAssignment.variant(experiment: "signage", unit: $0, variants: Self.variants) }
        let both = Double(zip(first, other).filter { $0 == 1 && $1 == 1 }.count) / 10_000
        #expect(abs(both - 0.09) < 0.012, "overlap \(both)")
    }

    @Test func aSwitchbackDayIsTheOrganisationsDate() throws {
        let moscow = try #require(TimeZone(identifier: "Europe/Moscow"))
        let lateUTC = try #require(Timestamp.parse("2026-03-01T22:30:00Z"))
        #expect(ExperimentAssignment.day(lateUTC, timeZone: moscow) == "2026-03-02")
        #expect(ExperimentAssignment.day(lateUTC, timeZone: TimeZone(identifier: "UTC")!) == "2026-03-01")
    }

    static var valid: [String: Any] { [
        "code": "greeter", "name": "Greeter", "hypothesis": "A greeter raises NPS", "unit": "day",
        "variants": [["name": "control", "allocation": 50], ["name": "greeter", "allocation": 50]], "metric": "nps", "horizon_days": 28,
    ] }

    @Test func aDefinitionIsReadWithDefaultsAndRefusedByField() throws {
        let experiment = try ExperimentDefinition.parse(Self.valid)
        #expect(experiment.outcome == .nps && experiment.alpha == 0.05 && !experiment.sequential && experiment.prePeriodDays == nil)
        #expect(experiment.status == .draft && experiment.controlShare == 0.5)
        func field(_ change: (inout [String: Any]) -> Void) -> String? {
            var object = Self.valid
            change(&object)
            do {
                _ = try ExperimentDefinition.parse(object)
                return nil
            } catch {
                return error.field
            }
        }
        #expect(field { $0["unit"] = "week" } == "unit")
        #expect(field { $0["variants"] = [["name": "control", "allocation": 1]] } == "variants")
        #expect(field { $0["variants"] = [["name": "a", "allocation": 1], ["name": "a", "allocation": 1]] } == "variants[1].name")
        #expect(field { $0["variants"] = [["name": "a", "allocation": 1], ["name": "b", "allocation": -1]] } == "variants[1].allocation")
        #expect(field { $0["metric"] = "mean" } == "outcome", "a mean needs its outcome")
        #expect(field { $0["metric"] = "mean"; $0["outcome"] = "button" } == "outcome")
        #expect(field { $0["horizon_days"] = 0 } == "horizon_days")
        #expect(field { $0["alpha"] = 0.7 } == "alpha")
        #expect(field { $0["pre_period_days"] = 28 } == "pre_period_days", "a day has no pre-period of its own")
        #expect(field { $0["colour"] = "red" } == "colour")
        #expect(field { $0.removeValue(forKey: "hypothesis") } == "hypothesis")
        #expect(field { $0["unit"] = "customer"; $0["pre_period_days"] = 28 } == nil)
    }

    @Test func onlyTheDesignFieldsAreFrozen() throws {
        let experiment = try ExperimentDefinition.parse(Self.valid)
        var changed = experiment
        changed.name = "Another name"
        #expect(experiment.changedDesignFields(changed).isEmpty)
        changed.horizonDays = 14
        changed.metric = .csat
        #expect(experiment.changedDesignFields(changed) == ["metric", "horizon_days"])
    }
}
