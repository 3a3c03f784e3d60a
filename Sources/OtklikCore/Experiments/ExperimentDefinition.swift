import Foundation

/// An experiment's JSON definition (`otklik experiment create FILE.json`, `POST /api/v1/experiments`), read with a
/// clear error naming the field, and written back in the same shape (the API's answers, the store's `variants`).
///
/// ```json
/// {"code": "greeter", "name": "A greeter at the door", "hypothesis": "A greeter raises NPS by 5 points",
///  "unit": "day", "variants": [{"name": "control", "allocation": 50}, {"name": "greeter", "allocation": 50}],
///  "metric": "nps", "outcome": "nps", "horizon_days": 28, "alpha": 0.05, "sequential": false, "pre_period_days": 28}
/// ```
public enum ExperimentDefinition {
    static let known: Set<String> = [
        "code", "name", "hypothesis", "unit", "variants", "metric", "outcome", "horizon_days", "alpha", "sequential", "pre_period_days",
    ]

    public static func parse(_ data: Data) throws(OtklikError) -> Experiment {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw OtklikError(.invalidInput, "the definition is not JSON: \(error.localizedDescription)", field: "body")
        }
        guard let root = object as? [String: Any] else { throw OtklikError(.invalidInput, "the definition must be a JSON object", field: "body") }
        return try parse(root)
    }

    public static func parse(_ root: [String: Any]) throws(OtklikError) -> Experiment {
        if let unknown = root.keys.sorted().first(where: { !known.contains($0) }) {
            throw .invalid(unknown, "unknown field; the fields are \(known.sorted().joined(separator: ", "))")
        }
        let code = try ProgrammeDefinition.text(root, "code")
        guard ProgrammeDefinition.isCode(code) else {
            throw .invalid("code", "a code is 1-64 lower-case letters, digits, '-' or '_', starting with a letter or digit")
        }
        let name = try ProgrammeDefinition.text(root, "name").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 200 else { throw .invalid("name", "a name is 1-200 characters") }
        let hypothesis = try ProgrammeDefinition.text(root, "hypothesis").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !hypothesis.isEmpty, hypothesis.count <= 2000 else { throw .invalid("hypothesis", "the hypothesis is 1-2000 characters, written before the start") }
        let unit: Experiment.Unit = try ProgrammeDefinition.choice(root, "unit", Experiment.Unit.allCases)
        let variants = try self.variants(root["variants"])
        let metric: Experiment.Metric = try ProgrammeDefinition.choice(root, "metric", Experiment.Metric.allCases)
        let outcome = try self.outcome(root, metric: metric)
        guard let horizon = root["horizon_days"] as? Int, !ProgrammeDefinition.isBool(root["horizon_days"] as Any), horizon >= 1, horizon <= 366 else {
            throw .invalid("horizon_days", "required: whole days from the start, 1-366")
        }
        let alpha = try ProgrammeDefinition.number(root, "alpha", default: 0.05)
        guard alpha > 0, alpha < 0.5 else { throw .invalid("alpha", "a significance level between 0 and 0.5, such as 0.05") }
        var sequential = false
        if let value = root["sequential"], !(value is NSNull) {
            guard let flag = value as? Bool else { throw .invalid("sequential", "true or false") }
            sequential = flag
        }
        var pre: Int?
        if let value = root["pre_period_days"], !(value is NSNull) {
            guard let days = value as? Int, !ProgrammeDefinition.isBool(value), days >= 1, days <= 366 else { throw .invalid("pre_period_days", "whole days before the start, 1-366, or null") }
            pre = days
            guard unit != .day, unit != .case else {
                throw .invalid("pre_period_days", "a \(unit.rawValue) has no feedback before the start to adjust by; CUPED needs a customer, agent, team or location")
            }
        }
        return Experiment(
            code: code, name: name, hypothesis: hypothesis, unit: unit, variants: variants, metric: metric, outcome: outcome,
            horizonDays: horizon, alpha: alpha, sequential: sequential, prePeriodDays: pre)
    }

    static func variants(_ value: Any?) throws(OtklikError) -> [Experiment.Variant] {
        guard let items = value as? [Any], items.count == 2 else {
            throw .invalid("variants", "exactly two variants, the control first: [{\"name\": \"control\", \"allocation\": 50}, {\"name\": \"new\", \"allocation\": 50}]")
        }
        var variants: [Experiment.Variant] = []
        for (index, item) in items.enumerated() {
            guard let object = item as? [String: Any], let name = (object["name"] as? String)?.trimmingCharacters(in: .whitespaces),
                !name.isEmpty, name.count <= 64
            else { throw .invalid("variants[\(index)].name", "a name of 1-64 characters") }
            guard let number = object["allocation"] as? NSNumber, !ProgrammeDefinition.isBool(number), case let allocation = number.doubleValue,
                allocation > 0, allocation.isFinite
            else {
                throw .invalid("variants[\(index)].allocation", "a positive weight, such as 50")
            }
            if variants.contains(where: { $0.name == name }) { throw .invalid("variants[\(index)].name", "the two variants need different names") }
            variants.append(Experiment.Variant(name: name, allocation: allocation))
        }
        return variants
    }

    static func outcome(_ root: [String: Any], metric: Experiment.Metric) throws(OtklikError) -> Experiment.Outcome {
        let allowed: [Experiment.Outcome]
        switch metric {
        case .nps: allowed = [.nps]
        case .csat: allowed = [.csat]
        case .proportion: allowed = Experiment.Outcome.allCases
        case .mean: allowed = [.nps, .csat, .ces]
        }
        if root["outcome"] == nil || root["outcome"] is NSNull {
            guard allowed.count == 1 else { throw .invalid("outcome", "required for \(metric.rawValue): one of \(allowed.map(\.rawValue).joined(separator: ", "))") }
            return allowed[0]
        }
        return try ProgrammeDefinition.choice(root, "outcome", allowed)
    }

    /// The design fields of `changes` (a JSON object of fields to change) whose values differ from `experiment`'s, in
    /// ``Experiment/designFields`` order: what a started experiment refuses before the rest is even read.
    public static func changedDesignFields(_ changes: [String: Any], of experiment: Experiment) -> [String] {
        let stored = object(experiment)
        return Experiment.designFields.filter { key in
            guard let value = changes[key] else { return false }
            guard let old = stored[key] as? NSObject, let new = value as? NSObject else { return true }
            return !old.isEqual(new)
        }
    }

    /// The definition as a JSON object (the shape ``parse(_:)`` reads).
    public static func object(_ experiment: Experiment) -> [String: Any] {
        [
            "code": experiment.code, "name": experiment.name, "hypothesis": experiment.hypothesis, "unit": experiment.unit.rawValue,
            "variants": experiment.variants.map { ["name": $0.name, "allocation": $0.allocation] as [String: Any] },
            "metric": experiment.metric.rawValue, "outcome": experiment.outcome.rawValue, "horizon_days": experiment.horizonDays,
            "alpha": experiment.alpha, "sequential": experiment.sequential, "pre_period_days": experiment.prePeriodDays as Any? ?? NSNull(),
        ]
    }

    public static func variantsJSON(_ variants: [Experiment.Variant]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: variants.map { ["name": $0.name, "allocation": $0.allocation] as [String: Any] }, options: [.sortedKeys])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    public static func parseVariants(_ text: String) -> [Experiment.Variant] {
        let object = try? JSONSerialization.jsonObject(with: Data(text.utf8))
        return (try? variants(object)) ?? []
    }
}
