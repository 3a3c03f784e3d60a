import Crypto
import Foundation
import OtklikCore

/// A history line with what follows from it, as the webhook and notification consumers of the change feed read it:
/// a case's (`case_events`, ``FeedEventKind/caseEvents``) or a problem's (`problem_events`,
/// ``FeedEventKind/problemEvents``). The subject's id and the line's number name the line for good, so the ids of
/// what follows from it are derived from them.
public struct FollowedLine: Sendable, Equatable {
    /// What the line is the history of.
    public enum Subject: String, Sendable, CaseIterable {
        case `case`
        case problem

        /// The table of its history lines.
        var table: String { self == .case ? "case_events" : "problem_events" }
        /// The column naming the case or problem in ``table``.
        var idColumn: String { self == .case ? "case_id" : "problem_id" }
        /// The feed events its lines' transactions append.
        var feedKind: FeedEventKind { self == .case ? .caseEvents : .problemEvents }
    }

    public var subject: Subject
    /// The case's or problem's id.
    public var id: String
    /// The line's number in its subject's history (1: the opening).
    public var seq: Int
    public var at: Date
    public var position: Int64
    public var followUp: HistoryFollowUp

    /// The stable message id of the line's webhook (`msg_` and 30 hex digits of the SHA-256 of the type, the subject's
    /// id and the line's number): a step done again, or a re-delivery, carries the same `webhook-id`.
    func messageID(type: String) -> String {
        Outbox.messageID(type: type, about: "\(id):\(seq)")
    }

    /// The stable id of the line's notification (and of its e-mail): `ntf_` and 30 hex digits of the SHA-256 of
    /// `case:` or `problem:`, the subject's id and the line's number.
    var notificationID: String {
        "ntf_" + SecretToken.hex(SHA256.hash(data: Data("\(subject.rawValue):\(id):\(seq)".utf8)).prefix(15))
    }
}

extension ChangeFeed {
    /// The history lines of `subject` written by the events in (`position`, `through`] that call for a webhook or a
    /// notice, in feed order (then subject and line).
    public func followedLines(of subject: FollowedLine.Subject, after position: Int64, through: Int64) async throws -> [FollowedLine] {
        try await database.query(
            """
            SELECT \(subject.idColumn) AS subject_id, seq, at, feed_position, \(HistoryFollowUp.columns.joined(separator: ", "))
            FROM \(subject.table) WHERE feed_position > ? AND feed_position <= ? AND (webhook_type IS NOT NULL OR notice_kind IS NOT NULL)
            ORDER BY feed_position, \(subject.idColumn), seq
            """,
            [.int(position), .int(through)]
        ).compactMap { row in
            guard let followUp = HistoryFollowUp(row: row) else { return nil }
            guard let at = row.int64("at"), let position = row.int64("feed_position"), let seq = row.int("seq") else {
                throw OtklikError(.internal, "stored \(subject.rawValue) history line has no time, number or feed position")
            }
            return FollowedLine(
                subject: subject, id: try row.string("subject_id"), seq: seq, at: Date(timeIntervalSince1970: Double(at) / 1000), position: position,
                followUp: followUp)
        }
    }
}
