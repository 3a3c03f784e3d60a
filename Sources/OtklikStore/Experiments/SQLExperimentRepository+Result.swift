import Foundation
import OtklikCore
import OtklikMetrics

extension SQLExperimentRepository {
    /// The registered test on the feedback between the start and the stop, the horizon or `now` (METHODS.md
    /// "Experiments"; docs/methods.md "Registered experiments"). Each answer's unit is its customer, its case, its
    /// staff member, the staff member's team, its location or its organisation-local day; its arm is
    /// ``ExperimentAssignment``'s. A customer or case counts once, by its first answer in the window (the unit-level
    /// tests: NPS trinomial z, two proportions, Welch); an agent, team, location or day is a cluster of all its
    /// answers (cluster-robust t, or randomisation inference below 20 clusters). With a pre-period each unit's mean
    /// outcome before the start is its CUPED covariate.
    public func result(code: String, timeZone: TimeZone, now: Date = Date()) async throws -> ExperimentRunResult {
        guard let experiment = try await experiment(code: code) else { throw OtklikError(.notFound, "no experiment '\(code)'", field: "code") }
        guard let start = experiment.startedAt, let end = experiment.windowEnd(now: now) else {
            throw OtklikError(.conflict, "the experiment '\(code)' is a draft: start it first; its result counts feedback from the start", field: "status")
        }
        let preStart = start.addingTimeInterval(-Double(experiment.prePeriodDays ?? 0) * 86_400)
        let units = try await unitOutcomes(experiment, from: preStart, split: start, to: end, timeZone: timeZone)
        let observations = units.observed.map { item in
            let arm = ExperimentAssignment.variant(experiment: code, unit: item.unit, variants: experiment.variants) == 0
                ? ExperimentObservation.Arm.control : .treatment
            return ExperimentObservation(
                arm: arm, outcome: item.outcome, pre: experiment.prePeriodDays == nil ? nil : units.pre[item.unit]?.mean,
                cluster: experiment.unit.isCluster ? item.unit : nil)
        }
        var result = ExperimentRunResult(
            code: code, status: experiment.status, unit: experiment.unit, metric: experiment.metric, outcome: experiment.outcome,
            from: Timestamp.format(start), to: Timestamp.format(end), control: experiment.variants.first?.name ?? "control",
            treatment: experiment.variants.last?.name ?? "treatment", feedback: observations.count)
        let design = ExperimentDesign(
            metric: Self.analysisMetric(experiment.metric), alpha: experiment.alpha, controlShare: experiment.controlShare,
            sequential: experiment.sequential, plannedUnits: experiment.plannedUnits)
        do {
            result.analysis = try ExperimentAnalysis.analyze(observations, design: design)
        } catch {
            result.reason = error.description
            result.reasonKind = error.kind
        }
        return result
    }

    /// The feedback between `from` and `to` as the registered test reads it: each answer's unit and coded outcome.
    /// Answers before `split` are summed per unit (the CUPED covariate); from `split` on, a customer or case counts once,
    /// by its first answer, and a cluster by every answer.
    func unitOutcomes(_ experiment: Experiment, from: Date, split: Date, to: Date, timeZone: TimeZone) async throws
        -> (pre: [String: ArmSummary], observed: [(unit: String, outcome: Double)])
    {
        let rows = try await database.query(
            """
            SELECT f.ts, f.customer_id, f.staff_code, f.location_code, f.nps, f.csat, f.ces, f.button, c.id AS case_id, s.team_code
            FROM feedback f LEFT JOIN cases c ON c.feedback_id = f.id LEFT JOIN staff s ON s.code = f.staff_code
            WHERE f.ts >= ? AND f.ts < ? ORDER BY f.ts, f.id
            """, [.int(Self.ms(from)), .int(Self.ms(to))])
        let metric = Self.analysisMetric(experiment.metric)
        var pre: [String: ArmSummary] = [:]
        var observed: [(unit: String, outcome: Double)] = []
        var seen = Set<String>()
        for row in rows {
            guard let ts = row.int64("ts"), let unit = Self.unitID(experiment.unit, row, ts: ts, timeZone: timeZone),
                let outcome = Self.outcome(experiment, row).flatMap(metric.code)
            else { continue }
            if ts < Self.ms(split) {
                pre[unit, default: ArmSummary()].add(outcome)
            } else if experiment.unit.isCluster || seen.insert(unit).inserted {
                observed.append((unit, outcome))
            }
        }
        return (pre, observed)
    }

    /// The metric the analysis uses: CSAT is the share of 4-5 answers, a proportion.
    static func analysisMetric(_ metric: Experiment.Metric) -> ExperimentMetric {
        switch metric {
        case .nps: .nps
        case .csat, .proportion: .proportion
        case .mean: .mean
        }
    }

    /// The answer as the analysis metric reads it (before ``ExperimentMetric/code(_:)``); nil when the feedback lacks it.
    static func outcome(_ experiment: Experiment, _ row: SQLRow) -> Double? {
        let raw: Double?
        switch experiment.outcome {
        case .nps: raw = row["nps"].double
        case .csat: raw = row["csat"].double
        case .ces: raw = row["ces"].double
        case .button: raw = row.text("button").map { $0 == "positive" ? 1 : 0 }
        }
        guard let raw else { return nil }
        switch (experiment.metric, experiment.outcome) {
        case (.csat, _), (.proportion, .csat): return raw >= 4 ? 1 : 0
        case (.proportion, .nps): return raw >= 9 ? 1 : 0
        case (.proportion, .ces): return raw >= 5 ? 1 : 0
        default: return raw
        }
    }

    static func unitID(_ unit: Experiment.Unit, _ row: SQLRow, ts: Int64, timeZone: TimeZone) -> String? {
        switch unit {
        case .customer: row.text("customer_id")
        case .case: row.text("case_id")
        case .agent: row.text("staff_code")
        case .team: row.text("team_code")
        case .location: row.text("location_code")
        case .day: ExperimentAssignment.day(Date(timeIntervalSince1970: Double(ts) / 1000), timeZone: timeZone)
        }
    }
}
