import Foundation
import OtklikCore
import OtklikInterchange
import OtklikMetrics

/// Filters of the case list; nil means "all".
public struct CaseFilter: Sendable, Equatable {
    public var statuses: Set<CaseStatus> = []
    public var priorities: Set<CasePriority> = []
    /// `complaint`, `low_score`, `employee`.
    public var kinds: Set<SLAPolicy.CaseType> = []
    public var location: String?
    /// Only cases at these locations: the caller's access scope (nil = every location; empty = none).
    public var scopeLocations: Set<String>?
    public var owner: String?
    /// Only open cases due before this moment.
    public var overdueAt: Date?
    /// Only cases nobody owns.
    public var unassigned = false
    /// Words to find in the case id, its location, staff or owner code, or the comment of its feedback.
    public var search: String?
    /// Newest first (by opening time) instead of the nearest deadline first.
    public var newestFirst = false
    public var limit = 200
    /// Cases to skip before the first one returned (pagination).
    public var offset = 0

    public init(
        statuses: Set<CaseStatus> = [], priorities: Set<CasePriority> = [], kinds: Set<SLAPolicy.CaseType> = [], location: String? = nil,
        owner: String? = nil, overdueAt: Date? = nil, limit: Int = 200
    ) {
        self.kinds = kinds
        self.statuses = statuses
        self.priorities = priorities
        self.location = location
        self.owner = owner
        self.overdueAt = overdueAt
        self.limit = limit
    }
}

/// What a bulk action did: the cases it changed and those it left as they were.
public struct BulkCaseResult: Sendable, Equatable, Codable {
    public var changed: [String]
    public var unchanged: [String]
    /// The request id was seen before: this is the first request's result, nothing was done now.
    public var repeated: Bool
}

/// Cases opened from feedback, and their history. Opening is idempotent (one case per feedback); the server opens
/// cases from the change feed (``openCasesFromFeed(consumer:limit:schedule:)``), so a crash after a write is healed
/// when the consumer goes on from its stored position.
public protocol CaseRepository: Sendable {
    /// One step of the durable case-opening consumer `consumer`: opens the cases called for by the feedback written in
    /// the next `limit` feed events (each at its feedback's time of receipt; a feedback that has a case is skipped),
    /// each opening line carrying its notice and `case.opened` webhook, and moves the consumer in the same transaction.
    /// Returns how many cases were opened and whether the consumer has reached the feed's head.
    func openCasesFromFeed(consumer: String, limit: Int, schedule: CaseSchedule) async throws -> (opened: Int, caughtUp: Bool)
    /// One step of the durable consumer `consumer` that queues the `case.*` webhooks the case history lines of the next
    /// `limit` feed events carry (``HistoryFollowUp``), each with a stable message id (an id queued before is not queued
    /// again), and moves the consumer in the same transaction. Returns the events queued and whether it reached the head.
    func queueWebhooksFromFeed(consumer: String, limit: Int) async throws -> (queued: Int, caughtUp: Bool)
    /// One step of the durable consumer `consumer` that writes the notifications (and their e-mails) the case history
    /// lines of the next `limit` feed events carry, each with a stable id (stored once however often the step runs),
    /// and moves the consumer in the same transaction. Returns the notifications written and whether it reached the head.
    func notifyFromFeed(consumer: String, limit: Int) async throws -> (notified: Int, caughtUp: Bool)
    /// Opens a case for each of these feedback records that calls for one and has none yet.
    func openCases(forFeedback ids: [String], schedule: CaseSchedule, now: Date) async throws -> [FeedbackCase]
    /// Opens every missing case (all stored feedback that calls for one).
    func openMissingCases(schedule: CaseSchedule, now: Date) async throws -> [FeedbackCase]
    func cases(_ filter: CaseFilter) async throws -> [FeedbackCase]
    /// How many cases match the filter, whatever its limit and offset.
    func count(_ filter: CaseFilter) async throws -> Int
    func get(id: String) async throws -> (FeedbackCase, [CaseEvent])?
    /// Validates and applies an action in one transaction, recording it as an event.
    func apply(_ action: CaseAction, to id: String, actor: String, now: Date, schedule: CaseSchedule) async throws -> FeedbackCase
    /// Applies one action to many cases in one transaction, all or nothing (an error names `ids[i]`). Cases the
    /// action would not change (already that owner, status or priority) are skipped; a request `id` seen before
    /// returns its first result without acting again.
    func applyBulk(_ action: CaseAction, to ids: [String], actor: String, now: Date, schedule: CaseSchedule, requestId: String?) async throws -> BulkCaseResult
    /// The facts the case reports need, for cases opened in [from, to) (nil: unbounded), at `locations` (empty: all).
    func facts(from: Date?, to: Date?, locations: Set<String>) async throws -> [CaseFact]
    /// Warns about open cases close to their deadline and records and escalates breaches; returns the cases changed.
    func supervise(now: Date, schedule: CaseSchedule) async throws -> [FeedbackCase]
}

public struct SQLCaseRepository: CaseRepository {
    let database: any SQLDatabase
    /// The feedback this process has just committed: its feed steps take it from memory (nil: they read the store).
    let recent: RecentFeedbackWrites?

    public init(database: any SQLDatabase, recent: RecentFeedbackWrites? = nil) {
        self.database = database
        self.recent = recent
    }

    static let columns = """
        id, feedback_id, location_code, staff_code, owner, status, opened_at, due_at, resolved_at, resolution_code, called_back_at,
        first_response_due_at, first_response_at, paused_at, escalation_level, warned_at, breached_at, priority, kind, issue_id
        """

    public func openCases(forFeedback ids: [String], schedule: CaseSchedule, now: Date) async throws -> [FeedbackCase] {
        guard !ids.isEmpty else { return [] }
        return try await database.transaction { tx in
            let candidates = try await tx.query(in: ids) { marks in
                "SELECT \(Feedback.columns) FROM feedback f WHERE id IN (\(marks)) AND contact IS NOT NULL AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.feedback_id = f.id)"
            }.map(Feedback.init(row:))
            return try await Self.open(candidates.filter(FeedbackCase.opens(for:)), schedule: schedule, now: now, tx)
        }
    }

    public func openMissingCases(schedule: CaseSchedule, now: Date) async throws -> [FeedbackCase] {
        try await database.transaction { tx in
            let candidates = try await tx.query(
                "SELECT \(Feedback.columns) FROM feedback f WHERE contact IS NOT NULL AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.feedback_id = f.id) ORDER BY ts, id",
                []
            ).map(Feedback.init(row:))
            return try await Self.open(candidates.filter(FeedbackCase.opens(for:)), schedule: schedule, now: now, tx)
        }
    }

    /// Inserts the cases with their owner (the first matching assignment rule's, else the location's manager, if it
    /// has one) and an `opened` event.
    static func open(_ feedback: [Feedback], schedule: CaseSchedule, now: Date, _ tx: any SQLExecutor) async throws -> [FeedbackCase] {
        guard !feedback.isEmpty else { return [] }
        var managers: [String: String] = [:]
        for row in try await tx.query("SELECT code, location_code FROM staff WHERE role = 'manager' ORDER BY code DESC", []) {
            if let location = row.text("location_code"), let code = row.text("code") { managers[location] = code }
        }
        let rules = try await SQLAssignmentRuleRepository.rules(tx)
        let cases = feedback.map { item in
            let targets = schedule.applying(to: item)
            let owner = rules.first { $0.matches(item) }?.owner ?? item.location.flatMap { managers[$0] }
            var opened = FeedbackCase(
                id: "case-\(item.id)", feedbackId: item.id, location: item.location, staff: item.staff,
                owner: owner, status: .new, openedAt: now, dueAt: targets.resolutionDue(openedAt: now))
            opened.firstResponseDueAt = targets.firstResponseDue(openedAt: now)
            opened.priority = CasePriority.initial(for: item)
            opened.kind = SLAPolicy.caseType(of: item)
            return opened
        }
        try await tx.insertRows(
            "cases",
            columns: ["id", "feedback_id", "location_code", "staff_code", "owner", "status", "opened_at", "due_at", "first_response_due_at", "priority", "kind"],
            rows: cases.map { item in
                [.text(item.id), SQLValue(item.feedbackId), SQLValue(item.location), SQLValue(item.staff), SQLValue(item.owner),
                 .text(item.status.rawValue), .int(ms(item.openedAt)), .int(ms(item.dueAt)), item.firstResponseDueAt.map { .int(ms($0)) } ?? .null,
                 .text(item.priority.rawValue), .text(item.kind.rawValue)]
            })
        // Each opening line carries its `case.opened` webhook and the owner's notice; the feed's consumers write them.
        let position = try await ChangeFeed.append(.caseEvents, records: cases.count, at: ms(now), in: tx)
        let lines: [[SQLValue]] = try cases.map { item -> [SQLValue] in
            let followUp = try HistoryFollowUp.reporting(
                "case.opened", item, at: now, notice: CaseTransition.Notice(kind: .caseOpened, recipient: item.owner, detail: item.location))
            let line: [SQLValue] = [
                .text(item.id), .int(1), .int(ms(now)), .text("otklik"), .text(CaseEvent.Kind.opened.rawValue), SQLValue(item.owner), .int(position),
            ]
            return line + followUp.values
        }
        try await tx.insertRows(
            "case_events", columns: ["case_id", "seq", "at", "actor", "kind", "text", "feed_position"] + HistoryFollowUp.columns, rows: lines)
        let escalationRules = try await SQLEscalationRuleRepository.rules(tx)
        guard !escalationRules.isEmpty else { return cases }
        var result: [FeedbackCase] = []
        for (item, source) in zip(cases, feedback) {
            result.append(try await Self.applyEscalationRules(escalationRules, to: item, reasons: source.reasons, csat: source.csat, now: now, tx))
        }
        return result
    }

    /// Rule-based escalation: the rule ``EscalationRule/raising(_:reasons:csat:in:)`` picks sends the case straight to its
    /// level, through the same step as the time-based escalation (history line,
    /// `case.escalated` webhook, the new owner notified). Saves the case when it moved.
    static func applyEscalationRules(
        _ rules: [EscalationRule], to item: FeedbackCase, reasons: [String], csat: Int?, now: Date, _ tx: any SQLExecutor
    ) async throws -> FeedbackCase {
        guard let rule = EscalationRule.raising(item, reasons: reasons, csat: csat, in: rules) else { return item }
        var current = item
        let event = try await Self.escalate(&current, to: rule.level, reason: "rule '\(rule.name)'", actor: "otklik", now: now, skippingOwner: false, tx)
        try await Self.save(current, tx)
        try await Self.announce(escalation: event, of: current, from: item.owner, now: now, tx)
        return current
    }

    /// What escalation rules match a stored case on besides its own fields: its feedback's reasons and CSAT, or an
    /// employee issue's topic.
    static func ruleFacts(of item: FeedbackCase, _ tx: any SQLExecutor) async throws -> (reasons: [String], csat: Int?) {
        if let feedbackId = item.feedbackId,
            let row = try await tx.query("SELECT \(Feedback.columns) FROM feedback f WHERE id = ?", [.text(feedbackId)]).first
        {
            let feedback = try Feedback(row: row)
            return (feedback.reasons, feedback.csat)
        }
        if let issueId = item.issueId, let topic = try await tx.query("SELECT topic FROM employee_issues WHERE id = ?", [.text(issueId)]).first?.text("topic") {
            return ([topic], nil)
        }
        return ([], nil)
    }

    static func condition(_ filter: CaseFilter) -> (String, [SQLValue]) {
        var conditions: [String] = []
        var binds: [SQLValue] = []
        if !filter.statuses.isEmpty {
            conditions.append("status IN (\(SQLMarks.list(filter.statuses.count)))")
            binds += filter.statuses.map(\.rawValue).sorted().map { .text($0) }
        }
        if !filter.priorities.isEmpty {
            conditions.append("priority IN (\(SQLMarks.list(filter.priorities.count)))")
            binds += filter.priorities.map(\.rawValue).sorted().map { .text($0) }
        }
        if !filter.kinds.isEmpty {
            conditions.append("kind IN (\(SQLMarks.list(filter.kinds.count)))")
            binds += filter.kinds.map(\.rawValue).sorted().map { .text($0) }
        }
        if let location = filter.location {
            conditions.append("location_code = ?")
            binds.append(.text(location))
        }
        if let scope = filter.scopeLocations {
            conditions.append(scope.isEmpty ? "1 = 0" : "location_code IN (\(SQLMarks.list(scope.count)))")
            binds += scope.sorted().map { .text($0) }
        }
        if let owner = filter.owner {
            conditions.append("owner = ?")
            binds.append(.text(owner))
        }
        if let overdue = filter.overdueAt {
            conditions.append("status NOT IN ('resolved', 'closed') AND due_at < ?")
            binds.append(.int(Self.ms(overdue)))
        }
        if filter.unassigned { conditions.append("owner IS NULL") }
        if let search = filter.search?.trimmingCharacters(in: .whitespacesAndNewlines), !search.isEmpty {
            let pattern = "%" + search.lowercased().replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
            conditions.append(
                """
                (LOWER(id) LIKE ? ESCAPE '\\' OR LOWER(COALESCE(location_code, '')) LIKE ? ESCAPE '\\' OR LOWER(COALESCE(staff_code, '')) LIKE ? ESCAPE '\\'
                 OR LOWER(COALESCE(owner, '')) LIKE ? ESCAPE '\\'
                 OR feedback_id IN (SELECT f.id FROM feedback f WHERE LOWER(f.comment) LIKE ? ESCAPE '\\'))
                """)
            binds += Array(repeating: .text(pattern), count: 5)
        }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), binds)
    }

    public func cases(_ filter: CaseFilter) async throws -> [FeedbackCase] {
        var (condition, binds) = Self.condition(filter)
        binds.append(.int(Int64(max(1, min(filter.limit, 1000)))))
        binds.append(.int(Int64(max(0, filter.offset))))
        let order = filter.newestFirst ? "opened_at DESC, id DESC" : "due_at, id"
        return try await database.query("SELECT \(Self.columns) FROM cases \(condition) ORDER BY \(order) LIMIT ? OFFSET ?", binds)
            .map(Self.feedbackCase(row:))
    }

    public func count(_ filter: CaseFilter) async throws -> Int {
        let (condition, binds) = Self.condition(filter)
        return try await database.query("SELECT COUNT(*) AS n FROM cases \(condition)", binds).first?.int("n") ?? 0
    }

    public func get(id: String) async throws -> (FeedbackCase, [CaseEvent])? {
        guard let row = try await database.query("SELECT \(Self.columns) FROM cases WHERE id = ?", [.text(id)]).first else { return nil }
        let events = try await database.query("SELECT case_id, at, actor, kind, text FROM case_events WHERE case_id = ? ORDER BY seq", [.text(id)])
            .map(Self.event(row:))
        return (try Self.feedbackCase(row: row), events)
    }

    public func apply(_ action: CaseAction, to id: String, actor: String, now: Date, schedule: CaseSchedule) async throws -> FeedbackCase {
        try await database.transaction { tx in
            guard let row = try await tx.query("SELECT \(Self.columns) FROM cases WHERE id = ?", [.text(id)]).first else {
                throw OtklikError(.notFound, "no case '\(id)'", field: "id")
            }
            return try await Self.perform(action, on: try Self.feedbackCase(row: row), actor: actor, now: now, schedule: schedule, tx)
        }
    }

    public func applyBulk(
        _ action: CaseAction, to ids: [String], actor: String, now: Date, schedule: CaseSchedule, requestId: String?
    ) async throws -> BulkCaseResult {
        guard !ids.isEmpty, ids.count <= 500 else { throw OtklikError.invalid("ids", "give 1-500 case ids") }
        if let requestId { try Identifier.validate(requestId, field: "id") }
        var seen = Set<String>()
        for (index, id) in ids.enumerated() where !seen.insert(id).inserted {
            throw OtklikError.invalid("ids[\(index)]", "case '\(id)' is listed twice")
        }
        return try await database.transaction { tx in
            if let requestId, let stored = try await tx.query("SELECT changed, unchanged FROM case_bulk_requests WHERE id = ?", [.text(requestId)]).first {
                func list(_ column: String) -> [String] { (stored.text(column) ?? "").split(separator: ",").map(String.init) }
                return BulkCaseResult(changed: list("changed"), unchanged: list("unchanged"), repeated: true)
            }
            var result = BulkCaseResult(changed: [], unchanged: [], repeated: false)
            for (index, id) in ids.enumerated() {
                guard let row = try await tx.query("SELECT \(Self.columns) FROM cases WHERE id = ?", [.text(id)]).first else {
                    throw OtklikError(.notFound, "no case '\(id)'", field: "ids[\(index)]")
                }
                let current = try Self.feedbackCase(row: row)
                if action.isNoOp(on: current) {
                    result.unchanged.append(id)
                    continue
                }
                do {
                    _ = try await Self.perform(action, on: current, actor: actor, now: now, schedule: schedule, tx)
                } catch let error as OtklikError {
                    throw OtklikError(error.code, "case '\(id)': \(error.message)", field: "ids[\(index)]")
                }
                result.changed.append(id)
            }
            if let requestId {
                try await tx.execute(
                    "INSERT INTO case_bulk_requests (id, changed, unchanged, created_at) VALUES (?, ?, ?, ?)",
                    [.text(requestId), .text(result.changed.joined(separator: ",")), .text(result.unchanged.joined(separator: ",")), .int(Self.ms(now))])
            }
            return result
        }
    }

    /// Applies one action to a case inside a transaction: reads what the transition needs (the SLA deadlines, the person at
    /// the next escalation level), lets the pure state machine (`OtklikCore/Cases/CaseTransition.swift`) decide, and
    /// stores its outcome — the case and its history line, which carries the webhook and the notice the consumers of the
    /// change feed write (``HistoryFollowUp``) — with the deadlines planned again
    /// after a priority change and the escalation rules that change may trigger.
    static func perform(
        _ action: CaseAction, on before: FeedbackCase, actor: String, now: Date, schedule: CaseSchedule, _ tx: any SQLExecutor
    ) async throws -> FeedbackCase {
        var inputs = CaseTransition.Inputs()
        switch action {
        case .reopen:
            inputs.reopenedDue = schedule.applying(type: before.kind, location: before.location, priority: before.priority).resolutionDue(openedAt: now)
        case .escalate(let reason):
            var probe = before
            let step = try await Self.escalate(&probe, to: before.escalationLevel + 1, reason: reason, actor: actor, now: now, tx)
            inputs.escalation = .init(level: probe.escalationLevel, owner: probe.owner, text: step.text ?? "")
        default:
            break
        }
        if before.status == .waitingForCustomer, let paused = before.pausedAt {
            inputs.resumedDue = schedule.extend(before.dueAt, pausedAt: paused, resumedAt: now)
        }
        let outcome = try CaseTransition.apply(action, to: before, actor: actor, now: now, inputs: inputs)
        var current = outcome.after
        let event = outcome.event
        let replanned = outcome.replan ? try await Self.replan(&current, schedule: schedule, actor: actor, now: now, tx) : nil
        try await Self.save(current, tx)
        // An internal note is staff-only: webhooks learn that one was added, not what it says.
        let reported = CaseEvent(caseId: event.caseId, at: now, actor: actor, kind: event.kind, text: event.kind == .note ? nil : event.text)
        try await Self.record(
            event, followUp: try HistoryFollowUp.reporting(outcome.webhookType, current, event: reported, at: now, notice: outcome.notice, actor: actor), tx)
        if let replanned { try await Self.record(replanned, tx) }
        if event.kind == .calledBack { try await ContactLedger.recordStaffCall(on: current, at: now, tx) }
        if case .setPriority = action, current.status.isOpen {
            let rules = try await SQLEscalationRuleRepository.rules(tx)
            if !rules.isEmpty {
                let facts = try await Self.ruleFacts(of: current, tx)
                current = try await Self.applyEscalationRules(rules, to: current, reasons: facts.reasons, csat: facts.csat, now: now, tx)
            }
        }
        return current
    }

    /// Plans an open case's deadlines again for its (new) priority, as at opening: the first matching SLA policy's
    /// targets (or the defaults), the resolution deadline counted on the business-hours calendar from the opening
    /// (or the last reopening) and moved by the pauses since, the first-response deadline from the opening while no
    /// first response is recorded (a first response already given keeps the target it was given against). A warning
    /// given for the old deadline is withdrawn when the new one is not yet near; a recorded breach stays.
    /// Returns the history line.
    static func replan(_ current: inout FeedbackCase, schedule: CaseSchedule, actor: String, now: Date, _ tx: any SQLExecutor) async throws -> CaseEvent {
        let events = try await tx.query("SELECT case_id, at, actor, kind, text FROM case_events WHERE case_id = ? ORDER BY seq", [.text(current.id)])
            .map(Self.event(row:))
        let policy = schedule.policy(type: current.kind, location: current.location, priority: current.priority)
        let targets = schedule.applying(type: current.kind, location: current.location, priority: current.priority)
        let start = events.last { $0.kind == .reopened }?.at ?? current.openedAt
        current.dueAt = targets.resolutionDue(from: start, events: events)
        if current.firstResponseAt == nil { current.firstResponseDueAt = targets.firstResponseDue(openedAt: current.openedAt) }
        if current.breachedAt == nil, current.warnedAt != nil, now < targets.warningAt(openedAt: current.openedAt, due: current.dueAt) {
            current.warnedAt = nil
        }
        let format = ISO8601DateFormatter()
        let firstResponse = current.firstResponseAt == nil ? current.firstResponseDueAt.map { "first response by \(format.string(from: $0))" } : nil
        let parts = [policy.map { "policy '\($0.name)'" } ?? "default targets", firstResponse, "resolution by \(format.string(from: current.dueAt))"]
        return CaseEvent(caseId: current.id, at: now, actor: actor, kind: .replanned, text: parts.compactMap { $0 }.joined(separator: "; "))
    }

    public func facts(from: Date?, to: Date?, locations: Set<String>) async throws -> [CaseFact] {
        var conditions: [String] = []
        var binds: [SQLValue] = []
        if let from {
            conditions.append("c.opened_at >= ?")
            binds.append(.int(Self.ms(from)))
        }
        if let to {
            conditions.append("c.opened_at < ?")
            binds.append(.int(Self.ms(to)))
        }
        if !locations.isEmpty {
            conditions.append("c.location_code IN (\(SQLMarks.list(locations.count)))")
            binds += locations.sorted().map { .text($0) }
        }
        let condition = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try await database.query(
            """
            SELECT c.location_code, c.staff_code, c.owner, c.status, c.opened_at, c.due_at, c.resolved_at, c.first_response_due_at,
              c.first_response_at, c.priority, f.contact,
              EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.kind = 'reopened') AS reopened,
              EXISTS (SELECT 1 FROM feedback later WHERE (later.customer_id = f.customer_id OR later.contact = f.contact)
                      AND later.ts > c.resolved_at AND (later.csat >= 4 OR later.nps >= 9)) AS recovered
            FROM cases c LEFT JOIN feedback f ON f.id = c.feedback_id \(condition) ORDER BY c.opened_at, c.id
            """, binds)
        return rows.map { row in
            let status = CaseStatus(rawValue: row.text("status") ?? "") ?? .new
            return CaseFact(
                location: row.text("location_code"), staff: row.text("staff_code"), owner: row.text("owner"),
                openedAt: Self.date(row, "opened_at") ?? Date(), dueAt: Self.date(row, "due_at") ?? Date(), resolvedAt: Self.date(row, "resolved_at"),
                firstResponseDueAt: Self.date(row, "first_response_due_at"), firstResponseAt: Self.date(row, "first_response_at"),
                open: status.isOpen, reopened: (row.int64("reopened") ?? 0) != 0,
                recovered: row.text("contact") == nil ? nil : (row.int64("recovered") ?? 0) != 0, priority: row.text("priority"))
        }
    }

    public func supervise(now: Date, schedule: CaseSchedule) async throws -> [FeedbackCase] {
        try await database.transaction { tx in
            let open = try await tx.query(
                "SELECT \(Self.columns) FROM cases WHERE status IN ('new', 'in_progress') AND (warned_at IS NULL OR breached_at IS NULL) ORDER BY due_at, id",
                []
            ).map(Self.feedbackCase(row:))
            var changed: [FeedbackCase] = []
            for before in open {
                var current = before
                switch CaseSupervision.step(for: before, now: now, warningAt: schedule.warningAt(openedAt: before.openedAt, due: before.dueAt)) {
                case .breach(let after, let notice, let escalate):
                    current = after
                    try await Self.record(
                        CaseEvent(caseId: current.id, at: now, actor: "otklik", kind: .breached, text: nil),
                        followUp: try HistoryFollowUp.reporting("case.breached", current, at: now, notice: notice), tx)
                    if escalate {
                        let owner = current.owner
                        let event = try await Self.escalate(
                            &current, to: current.escalationLevel + 1, reason: "deadline passed", actor: "otklik", now: now, tx)
                        try await Self.announce(escalation: event, of: current, from: owner, now: now, tx)
                    }
                case .warn(let after, let notice):
                    current = after
                    try await Self.record(
                        CaseEvent(caseId: current.id, at: now, actor: "otklik", kind: .warned, text: nil),
                        followUp: try HistoryFollowUp.reporting("case.sla_warning", current, at: now, notice: notice), tx)
                case nil:
                    break
                }
                if current != before {
                    try await Self.save(current, tx)
                    changed.append(current)
                }
            }
            return changed
        }
    }

    /// One escalation step, shared by escalation by hand, by deadline and by rule: the case goes to `level`, owned by
    /// the person at it (the owner stays when nobody holds the role). Returns the history line, not yet recorded.
    static func escalate(
        _ current: inout FeedbackCase, to level: Int, reason: String?, actor: String, now: Date, skippingOwner: Bool = true, _ tx: any SQLExecutor
    ) async throws -> CaseEvent {
        var level = level
        var target = try await Self.escalationTarget(level: level, location: current.location, tx)
        // One step up to the person who already owns the case moves nothing: go on up the ladder. (A rule names
        // its level and keeps it; it tells nobody when the owner stays.)
        while skippingOwner, let holder = target, holder == current.owner, level < FeedbackCase.escalationRoles.count - 1 {
            level += 1
            target = try await Self.escalationTarget(level: level, location: current.location, tx)
        }
        current.escalationLevel = level
        current.owner = target ?? current.owner
        let text = Self.escalationText(level: level, target: target, reason: reason)
        return CaseEvent(caseId: current.id, at: now, actor: actor, kind: .escalated, text: text)
    }

    /// Announces a system escalation: its history line, carrying the `case.escalated` webhook and the new owner's notice.
    /// Nobody is told "escalated to you" when the case stayed with `previousOwner`.
    static func announce(escalation event: CaseEvent, of current: FeedbackCase, from previousOwner: String?, now: Date, _ tx: any SQLExecutor) async throws {
        let notice = NotificationPolicy.tellsEscalation(owner: current.owner, previousOwner: previousOwner)
            ? CaseTransition.Notice(kind: .caseEscalated, recipient: current.owner, detail: event.text) : nil
        try await Self.record(event, followUp: try HistoryFollowUp.reporting("case.escalated", current, event: event, at: now, notice: notice), tx)
    }

    /// The person at an escalation level: the location's manager, a regional manager of its region, the CX director.
    static func escalationTarget(level: Int, location: String?, _ tx: any SQLExecutor) async throws -> String? {
        let role = FeedbackCase.escalationRoles[min(level, FeedbackCase.escalationRoles.count - 1)]
        switch level {
        case 1:
            guard let location else { return nil }
            return try await tx.query("SELECT code FROM staff WHERE role = ? AND location_code = ? ORDER BY code LIMIT 1", [.text(role), .text(location)])
                .first?.text("code")
        case 2:
            guard let location else { return nil }
            return try await tx.query(
                """
                SELECT s.code FROM staff s JOIN locations l ON l.code = s.location_code
                WHERE s.role = ? AND l.region_code = (SELECT region_code FROM locations WHERE code = ?) ORDER BY s.code LIMIT 1
                """, [.text(role), .text(location)]
            ).first?.text("code")
        default:
            return try await tx.query("SELECT code FROM staff WHERE role = ? ORDER BY code LIMIT 1", [.text(role)]).first?.text("code")
        }
    }

    static func escalationText(level: Int, target: String?, reason: String?) -> String {
        let role = FeedbackCase.escalationRoles[min(level, FeedbackCase.escalationRoles.count - 1)]
        return "level \(level) (\(role)): " + (target ?? "no \(role) on record, owner unchanged") + (reason.map { " — \($0)" } ?? "")
    }

    static func save(_ item: FeedbackCase, _ tx: any SQLExecutor) async throws {
        func time(_ date: Date?) -> SQLValue { date.map { .int(ms($0)) } ?? .null }
        try await tx.execute(
            """
            UPDATE cases SET owner = ?, status = ?, due_at = ?, resolved_at = ?, resolution_code = ?, called_back_at = ?,
            first_response_due_at = ?, first_response_at = ?, paused_at = ?, escalation_level = ?, warned_at = ?, breached_at = ?, priority = ?
            WHERE id = ?
            """,
            [SQLValue(item.owner), .text(item.status.rawValue), .int(ms(item.dueAt)), time(item.resolvedAt), SQLValue(item.resolutionCode),
             time(item.calledBackAt), time(item.firstResponseDueAt), time(item.firstResponseAt), time(item.pausedAt), .int(Int64(item.escalationLevel)), time(item.warnedAt),
             time(item.breachedAt), .text(item.priority.rawValue), .text(item.id)])
    }

    /// Appends a history line and its change-feed event (``FeedEventKind/caseEvents``) in the caller's transaction, with
    /// what follows from it (the consumers of the feed write its webhook and notification).
    static func record(_ event: CaseEvent, followUp: HistoryFollowUp? = nil, _ tx: any SQLExecutor) async throws {
        let next = (try await tx.query("SELECT MAX(seq) AS m FROM case_events WHERE case_id = ?", [.text(event.caseId)]).first?.int64("m") ?? 0) + 1
        let position = try await ChangeFeed.append(.caseEvents, records: 1, at: ms(event.at), in: tx)
        try await tx.execute(
            "INSERT INTO case_events (case_id, seq, at, actor, kind, text, feed_position, \(HistoryFollowUp.columns.joined(separator: ", "))) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [.text(event.caseId), .int(next), .int(ms(event.at)), .text(event.actor), .text(event.kind.rawValue), SQLValue(event.text),
             .int(position)] + (followUp?.values ?? HistoryFollowUp.nulls))
    }

    static func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    static func date(_ row: SQLRow, _ column: String) -> Date? {
        row.int64(column).map { Date(timeIntervalSince1970: Double($0) / 1000) }
    }

    static func feedbackCase(row: SQLRow) throws -> FeedbackCase {
        guard let status = CaseStatus(rawValue: try row.string("status")), let opened = date(row, "opened_at"), let due = date(row, "due_at") else {
            throw OtklikError(.internal, "stored case has an unknown status or time")
        }
        var item = FeedbackCase(
            id: try row.string("id"), feedbackId: row.text("feedback_id"), location: row.text("location_code"), staff: row.text("staff_code"),
            owner: row.text("owner"), status: status, openedAt: opened, dueAt: due, resolvedAt: date(row, "resolved_at"),
            resolutionCode: row.text("resolution_code"), calledBackAt: date(row, "called_back_at"))
        item.firstResponseDueAt = date(row, "first_response_due_at")
        item.firstResponseAt = date(row, "first_response_at")
        item.pausedAt = date(row, "paused_at")
        item.escalationLevel = row.int("escalation_level") ?? 0
        item.warnedAt = date(row, "warned_at")
        item.breachedAt = date(row, "breached_at")
        item.priority = row.text("priority").flatMap(CasePriority.init(rawValue:)) ?? .normal
        item.kind = row.text("kind").flatMap(SLAPolicy.CaseType.init(rawValue:)) ?? .complaint
        item.issueId = row.text("issue_id")
        return item
    }

    static func event(row: SQLRow) throws -> CaseEvent {
        guard let kind = CaseEvent.Kind(rawValue: try row.string("kind")), let at = date(row, "at") else {
            throw OtklikError(.internal, "stored case event has an unknown kind or time")
        }
        return CaseEvent(caseId: try row.string("case_id"), at: at, actor: try row.string("actor"), kind: kind, text: row.text("text"))
    }
}
