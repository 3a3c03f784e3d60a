import Foundation
import OtklikCore
import OtklikInterchange

/// What a manager does to a problem.
public enum ProblemAction: Sendable, Equatable {
    case assign(owner: String)
    case rootCause(String)
    case actionPlan(String)
    case markFixed
    case close

    /// The kind of the history line the action writes.
    var eventKind: ProblemEventKind {
        switch self {
        case .assign: .assigned
        case .rootCause: .rootCause
        case .actionPlan: .actionPlan
        case .markFixed: .fixed
        case .close: .closed
        }
    }
}

/// Problems found in the cases, their cases, and whether the fix worked.
public protocol ProblemRepository: Sendable {
    /// Links recent complaint cases to problems by (location, theme), opening a problem where a theme crosses the
    /// rule's threshold within its window; returns the problems opened. Each opening writes the problem's first history
    /// line, which carries its `problem.opened` webhook and its manager's notice (written by the consumers of the feed).
    func detect(_ rule: ProblemRule, now: Date) async throws -> [Problem]
    /// Problems, newest first; `locations` (nil: every location) keeps those at these locations only — a scoped
    /// principal's (``AccessScope/locationCodes``); an empty set keeps none.
    func problems(status: Problem.Status?, locations: Set<String>?) async throws -> [Problem]
    /// A problem, its cases, and the before/after comparison once it is marked fixed.
    func get(id: String, rule: ProblemRule, now: Date) async throws -> (Problem, cases: [String], verification: ProblemVerification?)?
    /// Applies a manager's action; `actor` (the user or API key, when known) is written on the history line.
    func apply(_ action: ProblemAction, to id: String, actor: String?, now: Date) async throws -> Problem
    /// One step of the `problem-webhooks` consumer of the change feed: queues the `problem.*` webhook events problem
    /// history lines carry, with message ids derived from the problem and the line.
    func queueWebhooksFromFeed(consumer: String, limit: Int) async throws -> (queued: Int, caughtUp: Bool)
    /// One step of the `problem-notifications` consumer: writes the notifications (and e-mails) problem history lines
    /// carry, with ids derived from the problem and the line.
    func notifyFromFeed(consumer: String, limit: Int) async throws -> (notified: Int, caughtUp: Bool)
}

extension ProblemRepository {
    /// Every location's problems.
    public func problems(status: Problem.Status?) async throws -> [Problem] { try await problems(status: status, locations: nil) }
}

public struct SQLProblemRepository: ProblemRepository {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    static func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ value: Int64?) -> Date? { value.map { Date(timeIntervalSince1970: Double($0) / 1000) } }
    static let columns = "id, location_code, theme, status, opened_at, owner, root_cause, action_plan, fixed_at, closed_at"

    /// Complaint cases opened in [from, to) with their location and themes (the reasons of their feedback).
    static func incidents(from: Date, to: Date, _ executor: any SQLExecutor) async throws -> [(caseId: String, location: String, themes: [String])] {
        try await executor.query(
            """
            SELECT c.id, c.location_code, f.reasons FROM cases c JOIN feedback f ON f.id = c.feedback_id
            WHERE c.opened_at >= ? AND c.opened_at < ? AND c.location_code IS NOT NULL AND f.reasons IS NOT NULL ORDER BY c.opened_at, c.id
            """, [.int(ms(from)), .int(ms(to))]
        ).compactMap { row in
            guard let id = row.text("id"), let location = row.text("location_code"), let reasons = row.text("reasons") else { return nil }
            return (id, location, reasons.split(separator: ";").map(String.init))
        }
    }

    public func detect(_ rule: ProblemRule, now: Date) async throws -> [Problem] {
        try await database.transaction { tx in
            let window = TimeInterval(rule.windowDays) * 86_400
            var byKey: [String: (location: String, theme: String, cases: [String])] = [:]
            for incident in try await Self.incidents(from: now.addingTimeInterval(-window), to: now.addingTimeInterval(1), tx) {
                for theme in incident.themes {
                    byKey["\(incident.location)\u{1F}\(theme)", default: (incident.location, theme, [])].cases.append(incident.caseId)
                }
            }
            var opened: [Problem] = []
            for (_, group) in byKey.sorted(by: { $0.key < $1.key }) {
                var problemId = try await tx.query(
                    "SELECT id FROM problems WHERE location_code = ? AND theme = ? AND status <> 'closed' ORDER BY opened_at DESC LIMIT 1",
                    [.text(group.location), .text(group.theme)]
                ).first?.text("id")
                if problemId == nil && group.cases.count >= rule.threshold {
                    let problem = Problem(
                        id: "prb-\(group.location)-\(group.theme)-\(Self.ms(now))", location: group.location, theme: group.theme, status: .open,
                        openedAt: now)
                    try await tx.execute(
                        "INSERT INTO problems (id, location_code, theme, status, opened_at) VALUES (?, ?, ?, 'open', ?)",
                        [.text(problem.id), .text(problem.location), .text(problem.theme), .int(Self.ms(now))])
                    let notice = CaseTransition.Notice(
                        kind: .problemOpened, recipient: try await Notifier.manager(of: problem.location, tx), detail: "\(problem.location): \(problem.theme)")
                    try await Self.record(
                        .opened, of: problem, actor: "otklik", at: now,
                        followUp: try HistoryFollowUp.reporting("problem.opened", problem, cases: group.cases.count, at: now, notice: notice), tx)
                    problemId = problem.id
                    opened.append(problem)
                }
                guard let problemId else { continue }
                try await tx.insertRows(
                    "problem_cases", columns: ["problem_id", "case_id"], rows: group.cases.map { [.text(problemId), .text($0)] },
                    suffix: "ON CONFLICT (problem_id, case_id) DO NOTHING")
            }
            return opened
        }
    }

    public func problems(status: Problem.Status?, locations: Set<String>?) async throws -> [Problem] {
        var conditions: [String] = []
        var binds: [SQLValue] = []
        if let status {
            conditions.append("status = ?")
            binds.append(.text(status.rawValue))
        }
        if let locations {
            guard !locations.isEmpty else { return [] }
            conditions.append("location_code IN (\(SQLMarks.list(locations.count)))")
            binds += locations.sorted().map { .text($0) }
        }
        let condition = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try await database.query("SELECT \(Self.columns) FROM problems \(condition) ORDER BY opened_at DESC, id", binds).map(Self.problem(row:))
    }

    public func get(id: String, rule: ProblemRule, now: Date) async throws -> (Problem, cases: [String], verification: ProblemVerification?)? {
        guard let row = try await database.query("SELECT \(Self.columns) FROM problems WHERE id = ?", [.text(id)]).first else { return nil }
        let problem = try Self.problem(row: row)
        let cases = try await database.query("SELECT case_id FROM problem_cases WHERE problem_id = ? ORDER BY case_id", [.text(id)])
            .compactMap { $0.text("case_id") }
        var verification: ProblemVerification?
        if let fixed = problem.fixedAt {
            let window = TimeInterval(rule.windowDays) * 86_400
            func count(_ from: Date, _ to: Date) async throws -> Int {
                try await Self.incidents(from: from, to: to, database).filter { $0.location == problem.location && $0.themes.contains(problem.theme) }.count
            }
            verification = ProblemVerification(
                before: try await count(fixed.addingTimeInterval(-window), fixed), after: try await count(fixed, fixed.addingTimeInterval(window)),
                windowDays: rule.windowDays, pending: now < fixed.addingTimeInterval(window))
        }
        return (problem, cases, verification)
    }

    public func apply(_ action: ProblemAction, to id: String, actor: String?, now: Date) async throws -> Problem {
        try await database.transaction { tx in
            guard let row = try await tx.query("SELECT \(Self.columns) FROM problems WHERE id = ?", [.text(id)]).first else {
                throw OtklikError(.notFound, "no problem '\(id)'", field: "id")
            }
            var problem = try Self.problem(row: row)
            func text(_ value: String, field: String) throws -> String {
                let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !trimmed.isEmpty, trimmed.count <= 5_000 else { throw OtklikError.invalid(field, "\(field) is 1-5000 characters") }
                return trimmed
            }
            switch action {
            case .assign(let owner):
                try Identifier.validate(owner, field: "owner")
                problem.owner = owner
            case .rootCause(let value): problem.rootCause = try text(value, field: "text")
            case .actionPlan(let value): problem.actionPlan = try text(value, field: "text")
            case .markFixed:
                guard problem.status == .open else { throw OtklikError.invalid("status", "only an open problem can be marked fixed") }
                (problem.status, problem.fixedAt) = (.fixed, now)
            case .close:
                guard problem.status != .closed else { throw OtklikError.invalid("status", "the problem is already closed") }
                (problem.status, problem.closedAt) = (.closed, now)
            }
            try await tx.execute(
                "UPDATE problems SET status = ?, owner = ?, root_cause = ?, action_plan = ?, fixed_at = ?, closed_at = ? WHERE id = ?",
                [.text(problem.status.rawValue), SQLValue(problem.owner), SQLValue(problem.rootCause), SQLValue(problem.actionPlan),
                 problem.fixedAt.map { .int(Self.ms($0)) } ?? .null, problem.closedAt.map { .int(Self.ms($0)) } ?? .null, .text(id)])
            try await Self.record(
                action.eventKind, of: problem, actor: actor, at: now,
                followUp: try HistoryFollowUp.reporting("problem.updated", problem, cases: nil, at: now), tx)
            return problem
        }
    }

    /// Appends a history line of `problem` (as it stands after the line) and its change-feed event
    /// (``FeedEventKind/problemEvents``) in the caller's transaction, with what follows from it.
    static func record(
        _ kind: ProblemEventKind, of problem: Problem, actor: String?, at now: Date, followUp: HistoryFollowUp, _ tx: any SQLExecutor
    ) async throws {
        let next = (try await tx.query("SELECT MAX(seq) AS m FROM problem_events WHERE problem_id = ?", [.text(problem.id)]).first?.int64("m") ?? 0) + 1
        let position = try await ChangeFeed.append(.problemEvents, records: 1, at: ms(now), in: tx)
        try await tx.insertRows(
            "problem_events", columns: ["problem_id", "seq", "kind", "at", "actor", "feed_position"] + HistoryFollowUp.columns,
            rows: [[.text(problem.id), .int(next), .text(kind.rawValue), .int(ms(now)), SQLValue(actor), .int(position)] + followUp.values])
    }

    public func queueWebhooksFromFeed(consumer: String, limit: Int) async throws -> (queued: Int, caughtUp: Bool) {
        let step = try await FollowedLineFeedStep.run(.webhooks, of: .problem, consumer: consumer, limit: limit, database: database)
        return (step.handled, step.caughtUp)
    }

    public func notifyFromFeed(consumer: String, limit: Int) async throws -> (notified: Int, caughtUp: Bool) {
        let step = try await FollowedLineFeedStep.run(.notifications, of: .problem, consumer: consumer, limit: limit, database: database)
        return (step.handled, step.caughtUp)
    }

    static func problem(row: SQLRow) throws -> Problem {
        guard let status = Problem.Status(rawValue: try row.string("status")), let opened = date(row.int64("opened_at")) else {
            throw OtklikError(.internal, "stored problem has an unknown status or time")
        }
        return Problem(
            id: try row.string("id"), location: try row.string("location_code"), theme: try row.string("theme"), status: status, openedAt: opened,
            owner: row.text("owner"), rootCause: row.text("root_cause"), actionPlan: row.text("action_plan"), fixedAt: date(row.int64("fixed_at")),
            closedAt: date(row.int64("closed_at")))
    }
}
