import Foundation
import Hummingbird
import OtklikCore
import OtklikMetrics
import OtklikStore

/// `/experiments` (issue 19 item 5): the registered experiments and their results, read-only (they are registered,
/// started and stopped through the API or `otklik experiment`).
struct ExperimentsPageController {
    let experiments: SQLExperimentRepository
    let pages: PageRenderer
    let timeZone: TimeZone

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("experiments", use: list)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = pages.localizer.language(for: request)
        let text = pages.localizer.table(language)
        var rows: [ExperimentsPage.Row] = []
        for experiment in try await experiments.experiments() {
            var row = ExperimentsPage.Row(
                code: experiment.code, name: experiment.name, hypothesis: experiment.hypothesis,
                status: text["experiment_status_\(experiment.status.rawValue)"] ?? experiment.status.rawValue,
                design: Self.design(experiment, text: text),
                variants: experiment.variants.map { "\($0.name) \(Self.number($0.allocation))" }.joined(separator: " : "),
                started: experiment.startedAt.map { Self.day($0) + (experiment.stoppedAt.map { " – " + Self.day($0) } ?? "") })
            row.plan = Self.plan(experiment, try await experiments.plan(code: experiment.code, timeZone: timeZone), text: text)
            if experiment.status == .draft {
                row.pending = text["experiment_pending_draft"]
            } else {
                let result = try await experiments.result(code: experiment.code, timeZone: timeZone)
                if let analysis = result.analysis {
                    row.result = Self.result(experiment, result, analysis, text: text)
                } else {
                    row.pending = (text["experiment_pending_data"] ?? "No result yet") + ": " + Self.reason(result, text: text)
                }
            }
            rows.append(row)
        }
        let page = ExperimentsPage(rows: rows, hasRows: !rows.isEmpty)
        return pages.render("experiments", page: page, title: text["experiments"] ?? "Experiments", request: request, context: context)
    }

    static func design(_ experiment: Experiment, text: [String: String]) -> String {
        [
            text["experiment_unit_\(experiment.unit.rawValue)"] ?? experiment.unit.rawValue,
            text["experiment_metric_\(experiment.metric.rawValue)"] ?? experiment.metric.rawValue,
            "\(experiment.horizonDays) " + (text["experiment_days"] ?? "days"),
            "α \(number(experiment.alpha))" + (experiment.sequential ? " · " + (text["experiment_sequential"] ?? "sequential") : "")
                + (experiment.prePeriodDays.map { " · CUPED \($0) " + (text["experiment_days"] ?? "days") } ?? ""),
        ].joined(separator: " · ")
    }

    static func result(_ experiment: Experiment, _ run: ExperimentRunResult, _ analysis: ExperimentResult, text: [String: String]) -> ExperimentsPage.Result {
        let unit = experiment.metric == .mean ? "" : " " + (text[experiment.metric == .nps ? "experiment_unit_points" : "experiment_unit_pp"] ?? "")
        let value = experiment.metric == .mean ? "%.2f" : (experiment.metric == .nps ? "%.1f" : "%.1f %%")
        let level = String(format: "%.0f", (1 - analysis.alpha) * 100)
        let p = analysis.pValue < 0.001 ? "< 0.001" : String(format: "%.3f", analysis.pValue)
        let effect = String(format: "%+.1f [%.1f; %.1f]", analysis.effect, analysis.ciLow, analysis.ciHigh) + unit
        let template = analysis.significant
            ? (analysis.effect > 0 ? text["experiment_meaning_up"] : text["experiment_meaning_down"]) : text["experiment_meaning_none"]
        let meaning = (template ?? "{arm}: {effect}, {level} interval {interval}")
            .replacingOccurrences(of: "{arm}", with: run.treatment)
            .replacingOccurrences(of: "{effect}", with: String(format: "%.1f", abs(analysis.effect)) + unit)
            .replacingOccurrences(of: "{level}", with: level + " %")
            .replacingOccurrences(of: "{interval}", with: String(format: "%.1f … %.1f", analysis.ciLow, analysis.ciHigh) + unit)
        let srmP = analysis.srm.pValue < 0.001 ? "< 0.001" : String(format: "%.4f", analysis.srm.pValue)
        let srm = analysis.srm.mismatch ? (text["experiment_srm_alarm"] ?? "Sample ratio mismatch (p = {p})").replacingOccurrences(of: "{p}", with: srmP) : nil
        return ExperimentsPage.Result(
            window: "\(Self.day(run.from)) – \(Self.day(run.to))", test: (text["experiment_test_" + analysis.test] ?? analysis.test) + (analysis.clusters.map { " · \($0.control) + \($0.treatment) " + (text["experiment_clusters"] ?? "clusters") } ?? ""),
            controlName: run.control, treatmentName: run.treatment, controlN: analysis.control.n, treatmentN: analysis.treatment.n,
            controlValue: String(format: value, analysis.control.value), treatmentValue: String(format: value, analysis.treatment.value),
            effect: effect, pValue: p, meaning: meaning, srmAlarm: srm)
    }

    /// Why there is no result, in the page's language (the analysis's own words only for an unforeseen obstacle).
    static func reason(_ result: ExperimentRunResult, text: [String: String]) -> String {
        switch result.reasonKind {
        case let .tooFew(control, treatment, clusters):
            (text[clusters ? "experiment_reason_few_clusters" : "experiment_reason_few_units"] ?? "{control} / {treatment}")
                .replacingOccurrences(of: "{control}", with: String(control)).replacingOccurrences(of: "{treatment}", with: String(treatment))
                .replacingOccurrences(of: "{control_name}", with: result.control).replacingOccurrences(of: "{treatment_name}", with: result.treatment)
        case .noVariation: text["experiment_reason_flat"] ?? "no variation"
        case .other, nil: result.reason ?? ""
        }
    }

    /// The plan's sentence: the MDE with its basis, or why there is none (too few units, no spread) in the page's language.
    static func plan(_ experiment: Experiment, _ run: ExperimentRunPlan, text: [String: String]) -> ExperimentsPage.Plan {
        let basis = text[experiment.status == .draft ? "experiment_plan_basis_now" : "experiment_plan_basis_start"] ?? ""
        guard let plan = run.plan else {
            let reason = run.units < 4
                ? (text["experiment_plan_few"] ?? "{units} of at least four").replacingOccurrences(of: "{units}", with: String(run.units))
                : (text["experiment_plan_flat"] ?? "no spread")
            let sentence = (text["experiment_plan_none"] ?? "{reason}").replacingOccurrences(of: "{reason}", with: reason)
                .replacingOccurrences(of: "{days}", with: String(experiment.horizonDays)).replacingOccurrences(of: "{basis}", with: basis)
            return ExperimentsPage.Plan(sentence: sentence)
        }
        let unit = experiment.metric == .mean ? "" : " " + (text[experiment.metric == .nps ? "experiment_unit_points" : "experiment_unit_pp"] ?? "")
        let baseline = String(format: experiment.metric == .mean ? "%.2f" : (experiment.metric == .nps ? "%.1f" : "%.1f %%"), plan.baseline)
        let figure = { (value: Double) in String(format: experiment.metric == .mean ? "%.2f" : "%.1f", value) + unit }
        let sentence = (text["experiment_plan_value"] ?? "{mde}")
            .replacingOccurrences(of: "{mde}", with: figure(plan.mde))
            .replacingOccurrences(of: "{alpha}", with: number(plan.alpha))
            .replacingOccurrences(of: "{units}", with: String(plan.units))
            .replacingOccurrences(of: "{unit_word}", with: text[plan.clustered ? "experiment_plan_units_clusters" : "experiment_plan_units_individual"] ?? "")
            .replacingOccurrences(of: "{control}", with: String(plan.controlUnits))
            .replacingOccurrences(of: "{treatment}", with: String(plan.treatmentUnits))
            .replacingOccurrences(of: "{days}", with: String(experiment.horizonDays))
            .replacingOccurrences(of: "{basis}", with: basis)
            .replacingOccurrences(of: "{baseline}", with: baseline)
        let sequential = plan.sequentialMDE.map { (text["experiment_plan_sequential"] ?? "{mde}").replacingOccurrences(of: "{mde}", with: figure($0)) }
        return ExperimentsPage.Plan(sentence: sentence, sequential: sequential, caution: text["experiment_plan_small"])
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%g", value)
    }

    static func day(_ date: Date) -> String { String(Timestamp.format(date).prefix(10)) }
    static func day(_ iso: String) -> String { String(iso.prefix(10)) }
}
