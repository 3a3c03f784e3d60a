import Foundation

/// Deterministic assignment of an experiment's units (issue 19 item 5): a hash of the experiment's code and the unit's
/// id (``HoldoutAssignment/unit(_:)``: FNV-1a then SplitMix64, uniform in [0, 1)) placed against the variants'
/// cumulative allocation. The same on every server and every call, so no assignment needs storing; for a switchback
/// (unit `day`) the id is the organisation-local date, YYYY-MM-DD.
public enum ExperimentAssignment {
    public static func variant(experiment code: String, unit id: String, variants: [Experiment.Variant]) -> Int {
        let total = variants.reduce(0) { $0 + $1.allocation }
        let point = HoldoutAssignment.unit("experiment:\(code):\(id)") * total
        var cumulative = 0.0
        for (index, variant) in variants.enumerated() {
            cumulative += variant.allocation
            if point < cumulative { return index }
        }
        return variants.count - 1
    }

    /// The switchback unit of a moment: its date in the organisation's time zone.
    public static func day(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
