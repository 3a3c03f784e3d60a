import Foundation
import OtklikCore

/// Registered experiments on either engine (issue 19 item 5): created as drafts, changed freely while draft, started
/// and stopped; once started the design is frozen — an update that changes a design field is a conflict naming the
/// fields, and nothing is written.
public struct SQLExperimentRepository: Sendable {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    static func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ ms: Int64?) -> Date? { ms.map { Date(timeIntervalSince1970: Double($0) / 1000) } }

    /// Stores a new experiment as a draft; a code already used is a conflict and nothing is written.
    public func create(_ experiment: Experiment, now: Date = Date()) async throws {
        try await database.transaction { tx in
            if try await !tx.query("SELECT code FROM experiments WHERE code = ?", [.text(experiment.code)]).isEmpty {
                throw OtklikError(.conflict, "an experiment with code '\(experiment.code)' exists", field: "code")
            }
            try await tx.execute(
                """
                INSERT INTO experiments (code, name, hypothesis, unit, variants, metric, outcome, horizon_days, alpha, sequential, pre_period_days,
                    status, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?)
                """, Self.designBinds(experiment) + [.int(Self.ms(now)), .int(Self.ms(now))])
        }
    }

    static func designBinds(_ experiment: Experiment) -> [SQLValue] {
        [
            .text(experiment.code), .text(experiment.name), .text(experiment.hypothesis), .text(experiment.unit.rawValue),
            .text(ExperimentDefinition.variantsJSON(experiment.variants)), .text(experiment.metric.rawValue), .text(experiment.outcome.rawValue),
            .int(Int64(experiment.horizonDays)), .double(experiment.alpha), .int(experiment.sequential ? 1 : 0),
            experiment.prePeriodDays.map { .int(Int64($0)) } ?? .null,
        ]
    }

    public func experiments() async throws -> [Experiment] {
        try await Self.experiments(where: "1 = 1", [], database)
    }

    public func experiment(code: String) async throws -> Experiment? {
        try await Self.experiments(where: "code = ?", [.text(code)], database).first
    }

    static func experiments(where condition: String, _ binds: [SQLValue], _ executor: any SQLExecutor) async throws -> [Experiment] {
        try await executor.query("SELECT * FROM experiments WHERE \(condition) ORDER BY created_at DESC, code", binds).map { row in
            var experiment = Experiment(
                code: try row.string("code"), name: row.text("name") ?? "", hypothesis: row.text("hypothesis") ?? "",
                unit: row.text("unit").flatMap(Experiment.Unit.init(rawValue:)) ?? .customer,
                variants: ExperimentDefinition.parseVariants(row.text("variants") ?? "[]"),
                metric: row.text("metric").flatMap(Experiment.Metric.init(rawValue:)) ?? .nps,
                outcome: row.text("outcome").flatMap(Experiment.Outcome.init(rawValue:)) ?? .nps,
                horizonDays: row.int("horizon_days") ?? 1, alpha: row["alpha"].double ?? 0.05, sequential: (row.int("sequential") ?? 0) != 0,
                prePeriodDays: row.int("pre_period_days"))
            experiment.status = row.text("status").flatMap(Experiment.Status.init(rawValue:)) ?? .draft
            experiment.startedAt = date(row.int64("started_at"))
            experiment.stoppedAt = date(row.int64("stopped_at"))
            experiment.plannedUnits = row.int("planned_units")
            return experiment
        }
    }

    /// Replaces the definition of `code` by `changed` (its code must be the same). A draft takes any change; a running
    /// or stopped experiment only a new name — a changed design field is a conflict naming every such field.
    public func update(code: String, to changed: Experiment, now: Date = Date()) async throws {
        guard changed.code == code else { throw OtklikError(.invalidInput, "the code cannot change (it is '\(code)')", field: "code") }
        try await database.transaction { tx in
            guard let stored = try await Self.experiments(where: "code = ?", [.text(code)], tx).first else {
                throw OtklikError(.notFound, "no experiment '\(code)'", field: "code")
            }
            let frozen = stored.changedDesignFields(changed)
            if stored.status != .draft, !frozen.isEmpty {
                throw OtklikError(
                    .conflict, "the experiment is \(stored.status.rawValue): its design was fixed at the start and cannot change (\(frozen.joined(separator: ", ")))",
                    field: frozen.joined(separator: ","))
            }
            try await tx.execute(
                """
                UPDATE experiments SET name = ?, hypothesis = ?, unit = ?, variants = ?, metric = ?, outcome = ?, horizon_days = ?, alpha = ?,
                    sequential = ?, pre_period_days = ?, updated_at = ? WHERE code = ?
                """, Array(Self.designBinds(changed).dropFirst()) + [.int(Self.ms(now)), .text(code)])
        }
    }

    /// Starts a draft (its design frozen from now on, with its planned size: the units a look-back as long as the horizon
    /// held, or null when too few); starting one already running or stopped is a conflict.
    public func start(code: String, timeZone: TimeZone, now: Date = Date()) async throws {
        let planned = try await plan(code: code, timeZone: timeZone, now: now).plan?.units
        try await move(code, from: .draft, to: .running, column: "started_at", now: now, plannedUnits: planned)
    }

    /// Stops a running experiment: feedback after `now` no longer counts.
    public func stop(code: String, now: Date = Date()) async throws {
        try await move(code, from: .running, to: .stopped, column: "stopped_at", now: now)
    }

    private func move(_ code: String, from: Experiment.Status, to: Experiment.Status, column: String, now: Date, plannedUnits: Int? = nil) async throws {
        try await database.transaction { tx in
            guard let stored = try await Self.experiments(where: "code = ?", [.text(code)], tx).first else {
                throw OtklikError(.notFound, "no experiment '\(code)'", field: "code")
            }
            guard stored.status == from else {
                throw OtklikError(.conflict, "the experiment is \(stored.status.rawValue); only a \(from.rawValue) one can be \(to == .running ? "started" : "stopped")", field: "status")
            }
            let planned = to == .running ? ", planned_units = ?" : ""
            try await tx.execute(
                "UPDATE experiments SET status = ?, \(column) = ?, updated_at = ?\(planned) WHERE code = ? AND status = ?",
                [.text(to.rawValue), .int(Self.ms(now)), .int(Self.ms(now))] + (to == .running ? [plannedUnits.map { .int(Int64($0)) } ?? .null] : [])
                    + [.text(code), .text(from.rawValue)])
        }
    }
}
