import Foundation
import OtklikCore

extension AppDatabase {
    /// The customers' status links for complaint cases and their ratings.
    public var caseStatusLinks: SQLCaseStatusLinks { SQLCaseStatusLinks(database: sql) }
}

/// The customers' status links for complaint cases (issue 19 item 6) on either engine: a link is made in the
/// transaction of the programme message that carries it; a token finds its case's public status; the customer rates
/// the resolution once (1-5).
public struct SQLCaseStatusLinks: Sendable {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    /// A new link for the case in the caller's transaction; returns the token (only its hash is stored).
    static func create(caseID: String, now: Date, _ tx: any SQLExecutor) async throws -> String {
        let token = SecretToken.random(bytes: 24)
        try await tx.execute(
            "INSERT INTO case_status_links (token_hash, case_id, created_at) VALUES (?, ?, ?)",
            [.text(SecretToken.hash(token)), .text(caseID), .int(SQLProgrammeRepository.ms(now))])
        return token
    }

    /// A new status link for a customer's case (a complaint or a low-score case, not an employee's), for another
    /// system to send; returns the token. Not found for an unknown case or an employee case.
    public func create(caseID: String, now: Date = Date()) async throws -> String {
        try await database.transaction { tx in
            guard let kind = try await tx.query("SELECT kind FROM cases WHERE id = ?", [.text(caseID)]).first?.text("kind"), kind != "employee" else {
                throw OtklikError(.notFound, "no customer case '\(caseID)'", field: "id")
            }
            return try await Self.create(caseID: caseID, now: now, tx)
        }
    }

    /// The case a trigger event is about: the case in a case trigger's key, or the case of the feedback in a
    /// `feedback:` key; nil when there is none.
    static func caseID(forTrigger key: String, _ tx: any SQLExecutor) async throws -> String? {
        for prefix in ["case_opened:", "case_resolved:", "case_overdue:"] where key.hasPrefix(prefix) {
            return String(key.dropFirst(prefix.count))
        }
        guard key.hasPrefix("feedback:") else { return nil }
        return try await tx.query("SELECT id FROM cases WHERE feedback_id = ?", [.text(String(key.dropFirst("feedback:".count)))]).first?.text("id")
    }

    static func caseOf(token: String, _ executor: any SQLExecutor) async throws -> String? {
        guard !token.isEmpty, token.count <= 128 else { return nil }
        return try await executor.query("SELECT case_id FROM case_status_links WHERE token_hash = ?", [.text(SecretToken.hash(token))]).first?.text("case_id")
    }

    /// The public status of the token's case; nil for an unknown token.
    public func status(token: String) async throws -> CaseStatusView? {
        guard let caseID = try await Self.caseOf(token: token, database) else { return nil }
        guard let row = try await database.query(
            """
            SELECT c.status, c.opened_at, c.due_at, c.resolved_at, r.score FROM cases c LEFT JOIN case_status_ratings r ON r.case_id = c.id
            WHERE c.id = ?
            """, [.text(caseID)]).first,
            let status = row.text("status").flatMap(CaseStatus.init(rawValue:))
        else { return nil }
        return CaseStatusView(
            status: status, openedAt: SQLProgrammeRepository.date(row.int64("opened_at")) ?? Date(timeIntervalSince1970: 0),
            dueAt: SQLProgrammeRepository.date(row.int64("due_at")) ?? Date(timeIntervalSince1970: 0),
            resolvedAt: SQLProgrammeRepository.date(row.int64("resolved_at")), rating: row.int("score"))
    }

    /// The customer's rating of the resolution: 1-5 (`score`), only once the case is resolved, once (a second rating
    /// is a conflict and changes nothing). Not found for an unknown token.
    public func rate(token: String, score: Int, now: Date = Date()) async throws {
        guard (1...5).contains(score) else { throw OtklikError.invalid("score", "a rating from 1 to 5") }
        try await database.transaction { tx in
            guard let caseID = try await Self.caseOf(token: token, tx) else { throw OtklikError(.notFound, "no such status link") }
            let status = try await tx.query("SELECT status FROM cases WHERE id = ?", [.text(caseID)]).first?.text("status").flatMap(CaseStatus.init(rawValue:))
            guard let status, !status.isOpen else { throw OtklikError(.conflict, "the case is not resolved yet", field: "score") }
            let written = try await tx.query(
                "INSERT INTO case_status_ratings (case_id, score, answered_at) VALUES (?, ?, ?) ON CONFLICT (case_id) DO NOTHING RETURNING case_id",
                [.text(caseID), .int(Int64(score)), .int(SQLProgrammeRepository.ms(now))])
            guard !written.isEmpty else { throw OtklikError(.conflict, "this case was already rated", field: "score") }
        }
    }
}
