import Foundation
import OtklikCore

/// One step of a durable consumer that writes what history lines call for (``FeedStep``: at least once, all or nothing
/// per step): the webhooks (`case-webhooks`, `problem-webhooks`) or the notifications and e-mails
/// (`case-notifications`, `problem-notifications`) of the lines of one subject. Each item's id is derived from its line
/// (``FollowedLine/messageID(type:)``, ``FollowedLine/notificationID``) and stored with `ON CONFLICT DO NOTHING`, so a
/// step done again, or by two servers at once, stores nothing twice.
public enum FollowedLineFeedStep {
    /// What a consumer writes.
    public enum Work: Sendable {
        case webhooks
        case notifications
    }

    /// Runs one step over at most `limit` events. Returns how many webhook events or notifications it wrote and whether
    /// the consumer has reached the feed's head.
    public static func run(
        _ work: Work, of subject: FollowedLine.Subject, consumer: String, limit: Int, database: any SQLDatabase
    ) async throws -> (handled: Int, caughtUp: Bool) {
        try await FeedStep.run(consumer: consumer, limit: limit, database: database, reading: [subject.feedKind], idle: { $0.isEmpty }, read: { stretch in
            stretch.mayHold(subject.feedKind)
                ? try await ChangeFeed(database: database).followedLines(of: subject, after: stretch.from, through: stretch.through) : []
        }, work: { lines, tx in
            switch work {
            case .webhooks: return try await queueWebhooks(lines, tx)
            case .notifications: return try await notify(lines, tx)
            }
        })
    }

    /// Queues the webhook events the lines carry, each with its stable message id.
    static func queueWebhooks(_ lines: [FollowedLine], _ tx: any SQLExecutor) async throws -> Int {
        let events = lines.compactMap { line -> Outbox.Written? in
            guard let type = line.followUp.webhookType, let payload = line.followUp.webhookPayload else { return nil }
            return Outbox.Written(id: line.messageID(type: type), type: type, payload: payload, at: line.at)
        }
        try await Outbox.enqueue(written: events, tx)
        return events.count
    }

    /// Writes the notices the lines carry (and their e-mails), each with its stable id, except to the user whose own
    /// action caused it (``NotificationPolicy/tells(_:actorStaff:)``).
    static func notify(_ lines: [FollowedLine], _ tx: any SQLExecutor) async throws -> Int {
        let noticed = lines.filter { $0.followUp.notice != nil }
        guard !noticed.isEmpty else { return 0 }
        // The staff member of each acting user (read only for notices with a recipient).
        let actors = Set(noticed.compactMap { line in line.followUp.notice?.recipient == nil ? nil : line.followUp.noticeActor }).sorted()
        var staff: [String: String] = [:]
        for row in try await tx.query(in: actors, { marks in "SELECT username, staff_code FROM users WHERE username IN (\(marks))" }) {
            if let user = row.text("username"), let code = row.text("staff_code") { staff[user] = code }
        }
        var byKind: [(kind: NotificationKind, notices: [NotificationPolicy.Notice], ids: [String])] = []
        for line in noticed {
            guard let notice = line.followUp.notice,
                NotificationPolicy.tells(notice.recipient, actorStaff: line.followUp.noticeActor.flatMap { staff[$0] })
            else { continue }
            let item = NotificationPolicy.Notice(
                recipient: notice.recipient, caseId: line.subject == .case ? line.id : nil, problemId: line.subject == .problem ? line.id : nil,
                detail: notice.detail, at: line.at)
            if let index = byKind.firstIndex(where: { $0.kind == notice.kind }) {
                byKind[index].notices.append(item)
                byKind[index].ids.append(line.notificationID)
            } else {
                byKind.append((notice.kind, [item], [line.notificationID]))
            }
        }
        for group in byKind { try await Notifier.notifyAll(group.kind, group.notices, ids: group.ids, tx) }
        return byKind.reduce(0) { $0 + $1.notices.count }
    }
}
