import Crypto
import Foundation
import OtklikCore

extension SQLCaseRepository {
    public func queueWebhooksFromFeed(consumer: String, limit: Int) async throws -> (queued: Int, caughtUp: Bool) {
        let step = try await CaseEventFeedStep.run(consumer: consumer, limit: limit, database: database) { entries, tx in
            let events = entries.compactMap { entry -> Outbox.Written? in
                guard let type = entry.followUp?.webhookType, let payload = entry.followUp?.webhookPayload else { return nil }
                return Outbox.Written(id: Self.messageID(type: type, entry), type: type, payload: payload, at: entry.event.at)
            }
            try await Outbox.enqueue(written: events, tx)
            return events.count
        }
        return (step.handled, step.caughtUp)
    }

    public func notifyFromFeed(consumer: String, limit: Int) async throws -> (notified: Int, caughtUp: Bool) {
        let step = try await CaseEventFeedStep.run(consumer: consumer, limit: limit, database: database) { entries, tx in
            let noticed = entries.filter { $0.followUp?.notice != nil }
            guard !noticed.isEmpty else { return 0 }
            // The staff member of each acting user, for NotificationPolicy.tells (read only for notices with a recipient).
            let actors = Set(noticed.compactMap { entry in entry.followUp?.notice?.recipient == nil ? nil : entry.followUp?.noticeActor }).sorted()
            var staff: [String: String] = [:]
            for row in try await tx.query(in: actors, { marks in "SELECT username, staff_code FROM users WHERE username IN (\(marks))" }) {
                if let user = row.text("username"), let code = row.text("staff_code") { staff[user] = code }
            }
            var byKind: [(kind: NotificationKind, notices: [NotificationPolicy.Notice], ids: [String])] = []
            for entry in noticed {
                guard let notice = entry.followUp?.notice,
                    NotificationPolicy.tells(notice.recipient, actorStaff: entry.followUp?.noticeActor.flatMap { staff[$0] })
                else { continue }
                let item = NotificationPolicy.Notice(recipient: notice.recipient, caseId: entry.event.caseId, detail: notice.detail, at: entry.event.at)
                if let index = byKind.firstIndex(where: { $0.kind == notice.kind }) {
                    byKind[index].notices.append(item)
                    byKind[index].ids.append(Self.notificationID(entry))
                } else {
                    byKind.append((notice.kind, [item], [Self.notificationID(entry)]))
                }
            }
            for group in byKind { try await Notifier.notifyAll(group.kind, group.notices, ids: group.ids, tx) }
            return byKind.reduce(0) { $0 + $1.notices.count }
        }
        return (step.handled, step.caughtUp)
    }

    /// The stable message id of a case history line's webhook: a step done again, or a re-delivery, carries the same
    /// `webhook-id`.
    static func messageID(type: String, _ entry: CaseFeedEntry) -> String {
        Outbox.messageID(type: type, about: "\(entry.event.caseId):\(entry.seq)")
    }

    /// The stable id of a case history line's notification (and of its e-mail): `ntf_` and 30 hex digits of the SHA-256
    /// of the case id and the line's number.
    static func notificationID(_ entry: CaseFeedEntry) -> String {
        "ntf_" + SecretToken.hex(SHA256.hash(data: Data("case:\(entry.event.caseId):\(entry.seq)".utf8)).prefix(15))
    }
}
