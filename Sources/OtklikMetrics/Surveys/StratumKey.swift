/// A stratification variable for systematic sampling and quotas (METHODS.md: stratify by location × daypart, or by any
/// attribute). A stratum is one combination of values; its label joins them with " × " in the order of the keys, a
/// missing value shown as "(none)", and the single stratum of an unstratified plan is labelled "*".
public enum StratumKey: Sendable, Codable, Hashable {
    case location
    case daypart
    case attribute(String)

    /// The label of the stratum `unit` falls in under `keys`, e.g. "Tverskaya × morning".
    public static func label(of unit: SamplingUnit, by keys: [StratumKey]) -> String {
        label(keys.map { unit.value(of: $0) })
    }

    /// The label of a combination of values, in the order of the keys: use it to write quota targets.
    public static func label(_ values: [String?]) -> String {
        values.isEmpty ? "*" : values.map { $0 ?? "(none)" }.joined(separator: " × ")
    }
}
