import Foundation
import OtklikMetrics

/// How the process pages write a figure of a ``MetricReport``: percent, seconds, hours, roubles, a ratio or a count,
/// one decimal (two for a ratio), with its interval; "insufficient data" below the minimum n.
struct KPIFigureFormat: Sendable {
    enum Unit: Sendable {
        case percent, seconds, hours, money, ratio, count
    }

    let text: [String: String]

    func value(_ value: MetricValue, _ unit: Unit) -> String {
        guard let number = value.value, !value.insufficient else { return text["insufficient"] ?? "—" }
        return format(number, unit)
    }

    func format(_ number: Double, _ unit: Unit) -> String {
        switch unit {
        case .percent: String(format: "%.1f %%", number)
        case .seconds: String(format: "%.1f %@", number, text["unit_seconds"] ?? "s")
        case .hours: String(format: "%.1f %@", number, text["kpi_unit_hours"] ?? "h")
        case .money: String(format: "%.0f %@", number, text["kpi_unit_money"] ?? "₽")
        case .ratio: String(format: "%.2f", number)
        case .count: String(Int(number.rounded()))
        }
    }

    /// A figure's distance from its target, signed, in the figure's unit: percentage points for a percentage.
    func gap(_ difference: Double, _ unit: Unit) -> String {
        let sign = difference < 0 ? "−" : "+"
        let size = abs(difference)
        switch unit {
        case .percent: return sign + String(format: "%.1f", size) + " " + (text["unit_pp"] ?? "pp")
        case .ratio: return sign + String(format: "%.2f", size)
        default: return sign + format(size, unit)
        }
    }

    /// A process page's KPI against its target (``TargetJudgement``), written in the figure's unit.
    func targetNote(_ outcome: TargetJudgement.Outcome, unit: Unit, names: ReferenceNames) -> TargetNote {
        let attainment = outcome.attainment
        return TargetCard.note(
            outcome.target, attainment, goal: attainment.goal.map { format($0, unit) } ?? "—", gap: attainment.gap.map { gap($0, unit) },
            names: names, text: text)
    }

    /// A table row's figure against its target (``TargetJudgement/judgeRows``): the goal, a short verdict and the note
    /// as a sentence for the cell's `title`.
    func cellTarget(_ outcome: TargetJudgement.Outcome, unit: Unit, names: ReferenceNames) -> CellTarget {
        CellTarget(targetNote(outcome, unit: unit, names: names), outcome.attainment.status, text: text)
    }

    func interval(_ value: MetricValue, _ unit: Unit) -> String? {
        guard !value.insufficient, let low = value.ciLow, let high = value.ciHigh else { return nil }
        let digits = unit == .ratio ? 2 : unit == .money || unit == .count ? 0 : 1
        return String(format: "[%.\(digits)f; %.\(digits)f]", low, high)
    }

    func cell(_ value: MetricValue?, _ unit: Unit) -> FigureCell {
        // Nothing of this kind in the group (calls of a service that takes none): a dash, not "insufficient data".
        guard let value, value.n > 0 else { return FigureCell(text: "—", ci: nil, n: 0, insufficient: false) }
        return FigureCell(text: self.value(value, unit), ci: interval(value, unit), n: value.n, insufficient: value.insufficient || value.value == nil)
    }

    /// A report's overall figure as a KPI card; `definition` replaces the engine's English one where a page has its own.
    func figure(id: String, _ report: MetricReport, _ unit: Unit, name: String? = nil, definition: String? = nil, api: String) -> KPIFigure {
        KPIFigure(
            id: id, name: name ?? report.name, definition: definition ?? report.definition, value: value(report.overall, unit),
            ci: interval(report.overall, unit), n: report.overall.n, insufficient: report.overall.insufficient || report.overall.value == nil,
            notes: report.notes.map(note), hasNotes: !report.notes.isEmpty, api: api)
    }

    /// An engine's note in the page's language where a sentence is written for it (the count kept); the engine's
    /// English otherwise. Every process page and the monthly report write their figures' notes through this.
    func note(_ engine: String) -> String {
        let known: [(prefix: String, key: String)] = [
            ("unanswered e-mails still within their term", "kpi_note_pending"),
            ("calendar exceptions", "kpi_note_calendar"),
            ("completed requests without a recorded cost", "kpi_note_without_cost"),
            ("services without available_online", "kpi_note_unstated"),
            ("no service requests are stored", "kpi_note_no_requests"),
            ("the whole catalogue as it stands now", "kpi_note_whole_catalogue"),
            ("anonymous answered contacts excluded", "kpi_note_fcr_anonymous"),
        ]
        guard let match = known.first(where: { engine.hasPrefix($0.prefix) }), let sentence = text[match.key] else { return engine }
        let count = engine.split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return sentence.replacingOccurrences(of: "{n}", with: count)
    }

    /// A metric's name and definition in the page's language: `kpi_name_<id>`, `kpi_definition_<id>` (with `{t}`,
    /// `{short}`, `{days}` filled in), the engine's English where none is written.
    func described(_ id: String, name: String, definition: String, values: [String: String] = [:]) -> (name: String, definition: String) {
        var sentence = text["kpi_definition_\(id)"] ?? definition
        for (key, value) in values { sentence = sentence.replacingOccurrences(of: "{\(key)}", with: value) }
        return (text["kpi_name_\(id)"] ?? name, sentence)
    }
}
