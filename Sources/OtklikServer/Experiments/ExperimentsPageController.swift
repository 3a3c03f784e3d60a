import Foundation
import Hummingbird
import OtklikCore
import OtklikMetrics
import OtklikStore

/// `/experiments` (issue 19 item 5): the registered experiments, what each can detect and their results; a user who
/// may change the configuration registers a draft with the form (the definition the API takes, checked the same way),
/// starts a draft and stops a running one. A refusal re-renders the page with the reason and the form's values.
struct ExperimentsPageController {
    let experiments: SQLExperimentRepository
    let pages: PageRenderer
    let timeZone: TimeZone

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("experiments", use: list)
        group.post("experiments", use: create)
        group.post("experiments/{code}/start", use: start)
        group.post("experiments/{code}/stop", use: stop)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await render(request, context: context, form: ExperimentsPage.Form(), metric: "nps", unit: "customer", outcome: "", error: nil)
    }

    func render(
        _ request: Request, context: AppRequestContext, form: ExperimentsPage.Form, metric: String, unit: String, outcome: String, error: OtklikError?
    ) async throws -> Response {
        let language = pages.localizer.language(for: request)
        let text = pages.localizer.table(language)
        let canAct = context.permits(.changeConfiguration)
        var rows: [ExperimentsPage.Row] = []
        for experiment in try await experiments.experiments() {
            var row = ExperimentsPage.Row(
                code: experiment.code, name: experiment.name, hypothesis: experiment.hypothesis,
                status: text["experiment_status_\(experiment.status.rawValue)"] ?? experiment.status.rawValue,
                design: Self.design(experiment, text: text),
                variants: experiment.variants.map { "\($0.name) \(Self.number($0.allocation))" }.joined(separator: " : "),
                started: experiment.startedAt.map { start in
                    Self.day(start, timeZone, text) + (experiment.stoppedAt.map { " – " + Self.day($0, timeZone, text) } ?? "")
                },
                canStart: canAct && experiment.status == .draft, canStop: canAct && experiment.status == .running)
            row.plan = Self.plan(experiment, try await experiments.plan(code: experiment.code, timeZone: timeZone), text: text)
            if experiment.status == .draft {
                row.pending = text["experiment_pending_draft"]
            } else {
                let result = try await experiments.result(code: experiment.code, timeZone: timeZone)
                if let analysis = result.analysis {
                    row.result = Self.result(experiment, result, analysis, timeZone: timeZone, text: text)
                } else {
                    row.pending = (text["experiment_pending_data"] ?? "No result yet") + ": " + Self.reason(result, text: text)
                }
            }
            rows.append(row)
        }
        func options<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ prefix: String, _ chosen: String) -> [SelectOption] where T.RawValue == String {
            T.allCases.map { SelectOption(code: $0.rawValue, label: text[prefix + $0.rawValue] ?? $0.rawValue, selected: $0.rawValue == chosen) }
        }
        var form = form
        if language == "ru", form.alpha == "0.05" { form.alpha = "0,05" }  // the comma a Russian reader types; both are read
        let page = ExperimentsPage(
            rows: rows, hasRows: !rows.isEmpty, canAct: canAct, error: error.map { Self.errorText($0, text: text, language: language) }, form: form,
            units: options(Experiment.Unit.self, "experiment_unit_", unit), metrics: options(Experiment.Metric.self, "experiment_metric_", metric),
            outcomes: [SelectOption(code: "", label: text["experiment_outcome_default"] ?? "—", selected: outcome.isEmpty)]
                + options(Experiment.Outcome.self, "experiment_outcome_", outcome))
        return pages.render(
            "experiments", page: page, title: text["experiments"] ?? "Experiments", request: request, context: context,
            status: error == nil ? .ok : (error?.code == .conflict ? .conflict : .unprocessableContent))
    }

    /// Registers a draft from the form: the same definition and checks as `POST /api/v1/experiments`.
    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 * 1024)
        let fields = FormFields(String(buffer: body))
        func value(_ name: String) -> String { (fields.first(name) ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        let form = ExperimentsPage.Form(
            code: value("code"), name: value("name"), hypothesis: value("hypothesis"), controlName: value("control_name"),
            treatmentName: value("treatment_name"), controlAllocation: value("control_allocation"), treatmentAllocation: value("treatment_allocation"),
            horizonDays: value("horizon_days"), alpha: value("alpha"), sequential: fields.first("sequential") != nil, prePeriodDays: value("pre_period_days"))
        do {
            let experiment = try ExperimentDefinition.parse(try Self.definition(form, unit: value("unit"), metric: value("metric"), outcome: value("outcome")))
            try await experiments.create(experiment)
            return Response(status: .seeOther, headers: [.location: "/experiments#experiment-\(experiment.code)"])
        } catch let error as OtklikError where error.code == .invalidInput || error.code == .conflict {
            return try await render(request, context: context, form: form, metric: value("metric"), unit: value("unit"), outcome: value("outcome"), error: error)
        }
    }

    @Sendable func start(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await move(request, context: context) { code in try await experiments.start(code: code, timeZone: timeZone) }
    }

    @Sendable func stop(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await move(request, context: context) { code in try await experiments.stop(code: code) }
    }

    /// Starts or stops; a second click (already running, already stopped) re-renders with the reason, nothing changed.
    func move(_ request: Request, context: AppRequestContext, _ action: (String) async throws -> Void) async throws -> Response {
        let code = try context.parameters.require("code")
        do {
            try await action(code)
            return Response(status: .seeOther, headers: [.location: "/experiments#experiment-\(code)"])
        } catch let error as OtklikError where error.code == .conflict {
            return try await render(request, context: context, form: ExperimentsPage.Form(), metric: "nps", unit: "customer", outcome: "", error: error)
        }
    }

    /// The form as the JSON definition ``ExperimentDefinition`` reads; a number that is not one is refused naming its field.
    static func definition(_ form: ExperimentsPage.Form, unit: String, metric: String, outcome: String) throws(OtklikError) -> Data {
        func decimal(_ text: String, _ field: String) throws(OtklikError) -> Double {
            guard let value = Double(text.replacingOccurrences(of: ",", with: ".")), value.isFinite else { throw .invalid(field, "a number") }
            return value
        }
        func whole(_ text: String, _ field: String) throws(OtklikError) -> Int {
            guard let value = Int(text) else { throw .invalid(field, "a whole number of days") }
            return value
        }
        var object: [String: Any] = [
            "code": form.code, "name": form.name, "hypothesis": form.hypothesis, "unit": unit, "metric": metric,
            "variants": [
                ["name": form.controlName, "allocation": try decimal(form.controlAllocation, "variants[0].allocation")],
                ["name": form.treatmentName, "allocation": try decimal(form.treatmentAllocation, "variants[1].allocation")],
            ],
            "horizon_days": try whole(form.horizonDays, "horizon_days"), "alpha": try decimal(form.alpha.isEmpty ? "0.05" : form.alpha, "alpha"),
            "sequential": form.sequential,
        ]
        if !outcome.isEmpty { object["outcome"] = outcome }
        if !form.prePeriodDays.isEmpty { object["pre_period_days"] = try whole(form.prePeriodDays, "pre_period_days") }
        do {
            return try JSONSerialization.data(withJSONObject: object)
        } catch {
            throw OtklikError(.invalidInput, "the form could not be read", field: "body")
        }
    }

    /// A refusal in the reader's language: the experiments' own sentence for the field (a variant's name or share by its
    /// place), else the shared one.
    static func errorText(_ error: OtklikError, text: [String: String], language: String) -> String {
        if error.code == .invalidInput, let field = error.field {
            let key: String
            switch field {
            case "variants[0].name": key = "control_name"
            case "variants[1].name": key = "treatment_name"
            case "variants[0].allocation", "variants[1].allocation": key = "allocation"
            default: key = ErrorText.baseField(field)
            }
            if let sentence = text["experiment_error_\(key)"] { return sentence }
        }
        if error.code == .conflict, error.field == "code", let sentence = text["experiment_error_code_taken"] { return sentence }
        if error.code == .conflict, error.field == "status", let sentence = text["experiment_error_status"] { return sentence }
        return ErrorText.message(error, text: text, language: language)
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

    static func result(
        _ experiment: Experiment, _ run: ExperimentRunResult, _ analysis: ExperimentResult, timeZone: TimeZone, text: [String: String]
    ) -> ExperimentsPage.Result {
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
            window: [run.from, run.to].compactMap { Timestamp.parse($0) }.map { Self.day($0, timeZone, text) }.joined(separator: " – "), test: (text["experiment_test_" + analysis.test] ?? analysis.test) + (analysis.clusters.map { " · \($0.control) + \($0.treatment) " + (text["experiment_clusters"] ?? "clusters") } ?? ""),
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

    /// A moment's day in the organisation's zone, written the page's way ("28 сент. 2026").
    static func day(_ date: Date, _ timeZone: TimeZone, _ text: [String: String]) -> String {
        PageDate.day(ExperimentAssignment.day(date, timeZone: timeZone), text: text)
    }

}
