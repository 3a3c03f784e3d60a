import Foundation
import OtklikCore

/// Writes in-app notifications, and an e-mail for each addressee with an address on record when the kind is mailed
/// (``NotificationKind/isMailed``), in a transaction that stores their event or moves the consumer of the change feed
/// that reports it (the notices of case history lines: ``SQLCaseRepository/notifyFromFeed(consumer:limit:)``), so a
/// pending e-mail survives a restart.
enum Notifier {
    typealias Notice = NotificationPolicy.Notice

    /// `actor`: the user who caused the event; ``NotificationPolicy/tells(_:actorStaff:)`` decides whether the recipient
    /// is told (the actor's staff member is read only when there is a recipient to compare it with).
    static func notify(
        _ kind: NotificationKind, recipient: String?, caseId: String? = nil, problemId: String? = nil, detail: String? = nil, at now: Date,
        actor: String? = nil, _ tx: any SQLExecutor
    ) async throws {
        var actorStaff: String? = nil
        if let actor, recipient != nil {
            actorStaff = try await tx.query("SELECT staff_code FROM users WHERE username = ?", [.text(actor)]).first?.text("staff_code")
        }
        guard NotificationPolicy.tells(recipient, actorStaff: actorStaff) else { return }
        try await notifyAll(kind, [Notice(recipient: recipient, caseId: caseId, problemId: problemId, detail: detail, at: now)], tx)
    }

    /// Many notifications of one kind in a few statements (a batch of alerts): the notifications, then the e-mails
    /// ``NotificationPolicy/mails(_:_:addresses:)`` decides from the addressees' addresses on record.
    /// - Parameter ids: each notification's id when it must be stable (derived from the event it reports): an id already
    ///   stored is stored again neither as a notification nor as an e-mail. Random ids otherwise.
    static func notifyAll(_ kind: NotificationKind, _ notices: [Notice], ids stable: [String]? = nil, _ tx: any SQLExecutor) async throws {
        guard !notices.isEmpty else { return }
        func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
        let ids = stable ?? notices.map { "ntf_" + SecretToken.timeOrderedIdentifier(at: $0.at) }
        let once = stable == nil ? "" : "ON CONFLICT DO NOTHING"
        try await tx.insertRows(
            "notifications", columns: ["id", "recipient", "kind", "case_id", "problem_id", "detail", "created_at"],
            rows: zip(ids, notices).map { id, notice in
                [.text(id), SQLValue(notice.recipient), .text(kind.rawValue), SQLValue(notice.caseId), SQLValue(notice.problemId), SQLValue(notice.detail),
                 .int(ms(notice.at))]
            }, suffix: once)
        let recipients = NotificationPolicy.addressees(kind, notices)
        guard !recipients.isEmpty else { return }
        var addresses: [String: String] = [:]
        for row in try await tx.query(in: recipients, { marks in "SELECT code, email FROM staff WHERE code IN (\(marks))" }) {
            if let code = row.text("code"), let email = row.text("email") { addresses[code] = email }
        }
        let mails = NotificationPolicy.mails(kind, notices, addresses: addresses)
        try await tx.insertRows(
            "mail_outbox", columns: ["id", "to_address", "status", "attempts", "next_attempt_at"],
            rows: mails.map { mail in [.text(ids[mail.notice]), .text(mail.address), .text("pending"), .int(0), .int(ms(notices[mail.notice].at))] },
            suffix: once)
    }

    /// The manager of a location (the lowest code among its staff with role `manager`).
    static func manager(of location: String?, _ tx: any SQLExecutor) async throws -> String? {
        guard let location else { return nil }
        return try await tx.query("SELECT code FROM staff WHERE role = 'manager' AND location_code = ? ORDER BY code LIMIT 1", [.text(location)])
            .first?.text("code")
    }
}
