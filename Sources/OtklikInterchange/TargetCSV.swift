import Foundation
import OtklikCore
import OtklikMetrics

/// KPI targets as CSV: `metric,scope,code,from,to,target,kind`, e.g. `csat,organisation,,2026-01-01,2026-12-31,80,absolute`
/// or `csat,region,R1,2026-01-01,2026-12-31,5,relative_change`. `kind` may be left empty (absolute); the target may
/// carry a decimal comma or a trailing `%` (`80,5 %`). Every row is checked (``KPITarget/validate()``); one bad row
/// stops the file with its line.
public enum TargetCSV {
    public static let columns = ["metric", "scope", "code", "from", "to", "target", "kind"]

    public static func parse(_ text: String) throws -> [KPITarget] {
        let (records, _) = try RecordCSV.parse(
            text, columns: columns, required: ["metric", "scope", "from", "to", "target"], skipBad: false
        ) { cells throws(OtklikError) in
            let metricText = (cells["metric"] ?? "").lowercased()
            guard let metric = TargetMetric(rawValue: metricText) else {
                throw .invalid("metric", "unknown metric '\(metricText)'; targets can be set for \(KPITarget.metrics.map(\.rawValue).joined(separator: ", "))")
            }
            let scopeText = (cells["scope"] ?? "").lowercased()
            guard let scope = KPITarget.Scope(rawValue: scopeText) else {
                throw .invalid("scope", "scope must be one of \(KPITarget.Scope.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let kindText = (cells["kind"] ?? "absolute").lowercased()
            guard let kind = KPITarget.Kind(rawValue: kindText) else { throw .invalid("kind", "kind must be absolute or relative_change") }
            let number = (cells["target"] ?? "").replacingOccurrences(of: "%", with: "").replacingOccurrences(of: ",", with: ".")
                .trimmingCharacters(in: .whitespaces)
            guard let value = Double(number) else { throw .invalid("target", "target must be a number") }
            let target = KPITarget(
                metric: metric, scope: scope, code: cells["code"]?.trimmingCharacters(in: .whitespaces), from: cells["from"] ?? "",
                to: cells["to"] ?? "", target: value, kind: kind)
            try target.validate()
            return target
        }
        return records.map(\.record)
    }
}
