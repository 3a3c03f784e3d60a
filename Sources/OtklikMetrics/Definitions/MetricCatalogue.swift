/// Every metric name Otklik answers, by family: feedback, contact centre, workforce, public service and cases.
/// Error messages that list "the metrics" list these, so no family is left out.
public enum MetricCatalogue {
    /// Every name, feedback metrics first.
    public static var allNames: [String] {
        MetricID.allCases.map(\.rawValue) + CallMetric.Kind.allCases.map(\.rawValue) + AgentMetric.Kind.allCases.map(\.rawValue)
            + PublicServiceKPI.Kind.allCases.map(\.rawValue) + CaseMetric.allCases.map(\.rawValue)
    }

    /// "unknown metric 'x'; use one of …" with every name.
    public static func unknown(_ name: String) -> String {
        "unknown metric '\(name)'; use one of \(allNames.joined(separator: ", "))"
    }
}
