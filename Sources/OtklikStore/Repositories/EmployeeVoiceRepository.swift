import Foundation
import OtklikCore
import OtklikInterchange
import OtklikMetrics

/// What the employee's status link shows: their issue, its case, and how it was resolved.
public struct EmployeeIssueStatus: Sendable, Equatable {
    public var issue: EmployeeIssue
    public var createdAt: Date
    public var caseItem: FeedbackCase
    /// The note given with the resolution (what was done), if any.
    public var resolutionNote: String?
}

/// Employee voice: issues and ideas that open `employee` cases, and their status links.
public protocol EmployeeVoiceRepository: Sendable {
    /// Stores the issue and opens its case (owner by assignment rules, else the location's manager) in one
    /// transaction; returns the case and the status token. A resend of the same id returns the first answer
    /// (`repeated`); the same id with other content is a conflict.
    func submit(_ issue: EmployeeIssue, schedule: CaseSchedule, now: Date) async throws -> (FeedbackCase, token: String, repeated: Bool)
    func status(token: String) async throws -> EmployeeIssueStatus?
    func issue(id: String) async throws -> EmployeeIssue?
}

public struct SQLEmployeeVoiceRepository: EmployeeVoiceRepository {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    static func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static let columns = "id, kind, staff_code, location_code, topic, text, status_token, created_at"

    static func issue(row: SQLRow) throws -> EmployeeIssue {
        EmployeeIssue(
            id: try row.string("id"), kind: EmployeeIssue.Kind(rawValue: try row.string("kind")) ?? .issue, staff: row.text("staff_code"),
            location: row.text("location_code"), topic: row.text("topic"), text: try row.string("text"))
    }

    public func submit(_ issue: EmployeeIssue, schedule: CaseSchedule, now: Date) async throws -> (FeedbackCase, token: String, repeated: Bool) {
        try issue.validate()
        var trimmed = issue
        trimmed.text = issue.text.trimmingCharacters(in: .whitespacesAndNewlines)
        let issue = trimmed
        return try await database.transaction { tx in
            if let row = try await tx.query("SELECT \(Self.columns) FROM employee_issues WHERE id = ?", [.text(issue.id)]).first {
                guard try Self.issue(row: row) == issue else {
                    throw OtklikError(.conflict, "issue '\(issue.id)' was already stored with other content", field: "id")
                }
                guard let caseRow = try await tx.query("SELECT \(SQLCaseRepository.columns) FROM cases WHERE issue_id = ?", [.text(issue.id)]).first else {
                    throw OtklikError(.internal, "issue '\(issue.id)' has no case")
                }
                return (try SQLCaseRepository.feedbackCase(row: caseRow), try row.string("status_token"), true)
            }
            if let staff = issue.staff, try await tx.query("SELECT code FROM staff WHERE code = ?", [.text(staff)]).isEmpty {
                throw OtklikError.invalid("staff", "unknown staff code '\(staff)'")
            }
            if let location = issue.location, try await tx.query("SELECT code FROM locations WHERE code = ?", [.text(location)]).isEmpty {
                throw OtklikError.invalid("location", "unknown location code '\(location)'")
            }
            let token = "otv_" + SecretToken.identifier(length: 32)
            try await tx.execute(
                "INSERT INTO employee_issues (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [.text(issue.id), .text(issue.kind.rawValue), SQLValue(issue.staff), SQLValue(issue.location), SQLValue(issue.topic),
                 .text(issue.text), .text(token), .int(Self.ms(now))])
            let rules = try await SQLAssignmentRuleRepository.rules(tx)
            let ruled = rules.first {
                $0.matches(type: .employee, location: issue.location, reasons: issue.topic.map { [$0] } ?? [], priority: .normal)
            }?.owner
            var owner = ruled
            if owner == nil { owner = try await Notifier.manager(of: issue.location, tx) }
            let targets = schedule.applying(type: .employee, location: issue.location, priority: .normal)
            var opened = FeedbackCase(
                id: "case-emp-\(issue.id)", feedbackId: nil, location: issue.location, staff: nil, owner: owner, status: .new, openedAt: now,
                dueAt: targets.resolutionDue(openedAt: now))
            opened.firstResponseDueAt = targets.firstResponseDue(openedAt: now)
            opened.kind = .employee
            opened.issueId = issue.id
            try await tx.execute(
                """
                INSERT INTO cases (id, feedback_id, location_code, staff_code, owner, status, opened_at, due_at, first_response_due_at, priority, kind, issue_id)
                VALUES (?, NULL, ?, NULL, ?, 'new', ?, ?, ?, 'normal', 'employee', ?)
                """,
                [.text(opened.id), SQLValue(opened.location), SQLValue(owner), .int(Self.ms(now)), .int(Self.ms(opened.dueAt)),
                 .int(Self.ms(opened.firstResponseDueAt ?? opened.dueAt)), .text(issue.id)])
            try await SQLCaseRepository.record(
                CaseEvent(caseId: opened.id, at: now, actor: "otklik", kind: .opened, text: owner),
                followUp: try HistoryFollowUp.reporting(
                    "case.opened", opened, at: now, notice: CaseTransition.Notice(kind: .caseOpened, recipient: owner, detail: issue.location)),
                tx)
            let escalated = try await SQLCaseRepository.applyEscalationRules(
                try await SQLEscalationRuleRepository.rules(tx), to: opened, reasons: issue.topic.map { [$0] } ?? [], csat: nil, now: now, tx)
            return (escalated, token, false)
        }
    }

    public func status(token: String) async throws -> EmployeeIssueStatus? {
        guard token.hasPrefix("otv_"), token.count < 100,
            let row = try await database.query("SELECT \(Self.columns) FROM employee_issues WHERE status_token = ?", [.text(token)]).first,
            let caseRow = try await database.query("SELECT \(SQLCaseRepository.columns) FROM cases WHERE issue_id = ?", [.text(try row.string("id"))]).first
        else { return nil }
        let item = try SQLCaseRepository.feedbackCase(row: caseRow)
        var note: String?
        if item.status == .resolved || item.status == .closed,
            let text = try await database.query(
                "SELECT text FROM case_events WHERE case_id = ? AND kind = 'resolved' ORDER BY seq DESC LIMIT 1", [.text(item.id)]
            ).first?.text("text")
        {
            let parts = text.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { note = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        return EmployeeIssueStatus(
            issue: try Self.issue(row: row), createdAt: Date(timeIntervalSince1970: Double(row.int64("created_at") ?? 0) / 1000), caseItem: item,
            resolutionNote: note)
    }

    public func issue(id: String) async throws -> EmployeeIssue? {
        try await database.query("SELECT \(Self.columns) FROM employee_issues WHERE id = ?", [.text(id)]).first.map(Self.issue(row:))
    }
}
