import Foundation
import OtklikCore

/// Filters of the case list; nil means "all".
public struct CaseFilter: Sendable, Equatable {
    public var statuses: Set<CaseStatus> = []
    public var location: String?
    public var owner: String?
    /// Only open cases due before this moment.
    public var overdueAt: Date?
    public var limit = 200

    public init(statuses: Set<CaseStatus> = [], location: String? = nil, owner: String? = nil, overdueAt: Date? = nil, limit: Int = 200) {
        self.statuses = statuses
        self.location = location
        self.owner = owner
        self.overdueAt = overdueAt
        self.limit = limit
    }
}

/// Cases opened from feedback, and their history. Opening is idempotent (one case per feedback), so it can
/// run after every write and again as a sweep at start, which heals a crash between the two.
public protocol CaseRepository: Sendable {
    /// Opens a case for each of these feedback records that calls for one and has none yet.
    func openCases(forFeedback ids: [String], slaHours: Int, now: Date) async throws -> [FeedbackCase]
    /// Opens every missing case (all stored feedback that calls for one).
    func openMissingCases(slaHours: Int, now: Date) async throws -> [FeedbackCase]
    func cases(_ filter: CaseFilter) async throws -> [FeedbackCase]
    func get(id: String) async throws -> (FeedbackCase, [CaseEvent])?
    /// Validates and applies an action in one transaction, recording it as an event.
    func apply(_ action: CaseAction, to id: String, actor: String, now: Date) async throws -> FeedbackCase
}

public struct SQLCaseRepository: CaseRepository {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    static let columns = "id, feedback_id, location_code, staff_code, owner, status, opened_at, due_at, resolved_at, resolution_code, called_back_at"

    public func openCases(forFeedback ids: [String], slaHours: Int, now: Date) async throws -> [FeedbackCase] {
        guard !ids.isEmpty else { return [] }
        return try await database.transaction { tx in
            var candidates: [Feedback] = []
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = Array(ids[start..<min(start + 500, ids.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                candidates += try await tx.query(
                    "SELECT \(Feedback.columns) FROM feedback f WHERE id IN (\(marks)) AND contact IS NOT NULL AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.feedback_id = f.id)",
                    chunk.map { .text($0) }
                ).map(Feedback.init(row:))
            }
            return try await Self.open(candidates.filter(FeedbackCase.opens(for:)), slaHours: slaHours, now: now, tx)
        }
    }

    public func openMissingCases(slaHours: Int, now: Date) async throws -> [FeedbackCase] {
        try await database.transaction { tx in
            let candidates = try await tx.query(
                "SELECT \(Feedback.columns) FROM feedback f WHERE contact IS NOT NULL AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.feedback_id = f.id) ORDER BY ts, id",
                []
            ).map(Feedback.init(row:))
            return try await Self.open(candidates.filter(FeedbackCase.opens(for:)), slaHours: slaHours, now: now, tx)
        }
    }

    /// Inserts the cases with their owner (the location's manager, if it has one) and an `opened` event.
    static func open(_ feedback: [Feedback], slaHours: Int, now: Date, _ tx: any SQLExecutor) async throws -> [FeedbackCase] {
        guard !feedback.isEmpty else { return [] }
        var managers: [String: String] = [:]
        for row in try await tx.query("SELECT code, location_code FROM staff WHERE role = 'manager' ORDER BY code DESC", []) {
            if let location = row.text("location_code"), let code = row.text("code") { managers[location] = code }
        }
        let cases = feedback.map { item in
            FeedbackCase(
                id: "case-\(item.id)", feedbackId: item.id, location: item.location, staff: item.staff,
                owner: item.location.flatMap { managers[$0] }, status: .new, openedAt: now,
                dueAt: now.addingTimeInterval(TimeInterval(slaHours) * 3600))
        }
        try await tx.insertRows(
            "cases", columns: ["id", "feedback_id", "location_code", "staff_code", "owner", "status", "opened_at", "due_at"],
            rows: cases.map { item in
                [.text(item.id), .text(item.feedbackId), SQLValue(item.location), SQLValue(item.staff), SQLValue(item.owner),
                 .text(item.status.rawValue), .int(ms(item.openedAt)), .int(ms(item.dueAt))]
            })
        try await tx.insertRows(
            "case_events", columns: ["case_id", "seq", "at", "actor", "kind", "text"],
            rows: cases.map { item in
                [.text(item.id), .int(1), .int(ms(now)), .text("otklik"), .text(CaseEvent.Kind.opened.rawValue),
                 SQLValue(item.owner)]
            })
        for item in cases {
            try await Outbox.enqueue(type: "case.opened", data: CasePayload(item, event: nil), at: now, tx)
        }
        return cases
    }

    public func cases(_ filter: CaseFilter) async throws -> [FeedbackCase] {
        var conditions: [String] = []
        var binds: [SQLValue] = []
        if !filter.statuses.isEmpty {
            conditions.append("status IN (\(Array(repeating: "?", count: filter.statuses.count).joined(separator: ", ")))")
            binds += filter.statuses.map(\.rawValue).sorted().map { .text($0) }
        }
        if let location = filter.location {
            conditions.append("location_code = ?")
            binds.append(.text(location))
        }
        if let owner = filter.owner {
            conditions.append("owner = ?")
            binds.append(.text(owner))
        }
        if let overdue = filter.overdueAt {
            conditions.append("status NOT IN ('resolved', 'closed') AND due_at < ?")
            binds.append(.int(Self.ms(overdue)))
        }
        let condition = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        binds.append(.int(Int64(max(1, min(filter.limit, 1000)))))
        return try await database.query("SELECT \(Self.columns) FROM cases \(condition) ORDER BY due_at, id LIMIT ?", binds).map(Self.feedbackCase(row:))
    }

    public func get(id: String) async throws -> (FeedbackCase, [CaseEvent])? {
        guard let row = try await database.query("SELECT \(Self.columns) FROM cases WHERE id = ?", [.text(id)]).first else { return nil }
        let events = try await database.query("SELECT case_id, at, actor, kind, text FROM case_events WHERE case_id = ? ORDER BY seq", [.text(id)])
            .map(Self.event(row:))
        return (try Self.feedbackCase(row: row), events)
    }

    public func apply(_ action: CaseAction, to id: String, actor: String, now: Date) async throws -> FeedbackCase {
        try await database.transaction { tx in
            guard let row = try await tx.query("SELECT \(Self.columns) FROM cases WHERE id = ?", [.text(id)]).first else {
                throw OtklikError(.notFound, "no case '\(id)'", field: "id")
            }
            var current = try Self.feedbackCase(row: row)
            try action.validate(on: current)
            let kind: CaseEvent.Kind
            var text: String?
            switch action {
            case .assign(let owner):
                (current.owner, kind, text) = (owner, .assigned, owner)
                if current.status == .new { current.status = .inProgress }
            case .comment(let comment):
                (kind, text) = (.comment, comment.trimmingCharacters(in: .whitespacesAndNewlines))
            case .setStatus(let status):
                (current.status, kind, text) = (status, .status, status.rawValue)
            case .resolve(let code, let note):
                (current.status, current.resolvedAt, current.resolutionCode, kind) = (.resolved, now, code, .resolved)
                text = [code, note].compactMap { $0 }.joined(separator: ": ")
            case .recordCallback(let note):
                (current.calledBackAt, kind, text) = (now, .calledBack, note)
                if current.status == .new { current.status = .inProgress }
            }
            try await tx.execute(
                "UPDATE cases SET owner = ?, status = ?, resolved_at = ?, resolution_code = ?, called_back_at = ? WHERE id = ?",
                [SQLValue(current.owner), .text(current.status.rawValue), current.resolvedAt.map { .int(Self.ms($0)) } ?? .null,
                 SQLValue(current.resolutionCode), current.calledBackAt.map { .int(Self.ms($0)) } ?? .null, .text(id)])
            let next = (try await tx.query("SELECT MAX(seq) AS m FROM case_events WHERE case_id = ?", [.text(id)]).first?.int64("m") ?? 0) + 1
            try await tx.execute(
                "INSERT INTO case_events (case_id, seq, at, actor, kind, text) VALUES (?, ?, ?, ?, ?, ?)",
                [.text(id), .int(next), .int(Self.ms(now)), .text(actor), .text(kind.rawValue), SQLValue(text)])
            try await Outbox.enqueue(
                type: "case.updated", data: CasePayload(current, event: CaseEvent(caseId: id, at: now, actor: actor, kind: kind, text: text)), at: now, tx)
            return current
        }
    }

    static func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    static func date(_ row: SQLRow, _ column: String) -> Date? {
        row.int64(column).map { Date(timeIntervalSince1970: Double($0) / 1000) }
    }

    static func feedbackCase(row: SQLRow) throws -> FeedbackCase {
        guard let status = CaseStatus(rawValue: try row.string("status")), let opened = date(row, "opened_at"), let due = date(row, "due_at") else {
            throw OtklikError(.internal, "stored case has an unknown status or time")
        }
        return FeedbackCase(
            id: try row.string("id"), feedbackId: try row.string("feedback_id"), location: row.text("location_code"), staff: row.text("staff_code"),
            owner: row.text("owner"), status: status, openedAt: opened, dueAt: due, resolvedAt: date(row, "resolved_at"),
            resolutionCode: row.text("resolution_code"), calledBackAt: date(row, "called_back_at"))
    }

    static func event(row: SQLRow) throws -> CaseEvent {
        guard let kind = CaseEvent.Kind(rawValue: try row.string("kind")), let at = date(row, "at") else {
            throw OtklikError(.internal, "stored case event has an unknown kind or time")
        }
        return CaseEvent(caseId: try row.string("case_id"), at: at, actor: try row.string("actor"), kind: kind, text: row.text("text"))
    }
}

/// A case as webhooks receive it.
struct CasePayload: Encodable {
    var id: String
    var feedbackId: String
    var location: String?
    var staff: String?
    var owner: String?
    var status: String
    var openedAt: Date
    var dueAt: Date
    var resolutionCode: String?
    var calledBackAt: Date?
    var event: Event?

    struct Event: Encodable {
        var kind: String
        var actor: String
        var text: String?
    }

    enum CodingKeys: String, CodingKey {
        case id, feedbackId = "feedback_id", location, staff, owner, status, openedAt = "opened_at", dueAt = "due_at"
        case resolutionCode = "resolution_code", calledBackAt = "called_back_at", event
    }

    init(_ item: FeedbackCase, event: CaseEvent?) {
        id = item.id
        feedbackId = item.feedbackId
        location = item.location
        staff = item.staff
        owner = item.owner
        status = item.status.rawValue
        openedAt = item.openedAt
        dueAt = item.dueAt
        resolutionCode = item.resolutionCode
        calledBackAt = item.calledBackAt
        self.event = event.map { Event(kind: $0.kind.rawValue, actor: $0.actor, text: $0.text) }
    }
}
