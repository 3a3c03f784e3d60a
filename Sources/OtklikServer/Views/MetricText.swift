import OtklikMetrics

/// A metric's name and definition as a page shows them: from the resource files (`metric_name_nps`,
/// `metric_definition_nps`), the engine's English definition only where none is written.
enum MetricText {
    static func definition(_ id: MetricID, text: [String: String]) -> [String: String] {
        let definition = MetricDefinition.of(id)
        return [
            "name": text["metric_name_\(id.rawValue)"] ?? definition.name,
            "text": text["metric_definition_\(id.rawValue)"] ?? definition.definition,
        ]
    }
}
