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

    /// A contact-centre metric's name and definition: `call_definition_sl` (with `{n}`, `{code}`, `{formula}`, `{t}`),
    /// `call_definition_asa`; the engine's English where no sentence is written.
    static func definition(_ metric: CallMetric, text: [String: String]) -> [String: String] {
        let kind = metric.kind.rawValue
        guard let template = text["call_definition_\(kind)"] else { return ["name": metric.name, "text": metric.definition] }
        let formula: String = switch metric.serviceLevel {
        case .answeredOrAbandonedWithin: "(Ans_T + Ab_T)/(Ans + Ab)"
        case .answered: "Ans_T/Ans"
        case .offered: "Ans_T/(Ans + Ab)"
        case .offeredWithoutEarlyAbandons: "Ans_T/(Ans + Ab_>T)"
        case .offeredWithoutShortAbandons: "Ans_T/(Ans + Ab − Ab_short)"
        }
        let filled = template.replacingOccurrences(of: "{n}", with: String(metric.serviceLevel.number))
            .replacingOccurrences(of: "{code}", with: metric.serviceLevel.rawValue).replacingOccurrences(of: "{formula}", with: formula)
            .replacingOccurrences(of: "{t}", with: String(format: "%g", metric.threshold))
        return ["name": text["call_name_\(kind)"] ?? metric.name, "text": filled]
    }
}
