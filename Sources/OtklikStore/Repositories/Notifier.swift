import Foundation
import OtklikCore

/// Writes in-app notifications, and an e-mail for each addressee with an address on record when the kind is mailed
/// (``NotificationKind/isMailed``), inside the transaction of the change they report: a notification exists exactly
/// when its event does, and a pending e-mail survives a restart.
enum Notifier {
    /// `actor`: the user who caused the event; nobody is told about what they did themselves (assigning a case to
    /// oneself, resolving one's own case).
    static func notify(
        _ kind: NotificationKind, recipient: String?, caseId: String? = nil, problemId: String? = nil, detail: String? = nil, at now: Date,
        actor: String? = nil, _ tx: any SQLExecutor
    ) async throws {
        if let actor, let recipient,
            try await tx.query("SELECT staff_code FROM users WHERE username = ?", [.text(actor)]).first?.text("staff_code") == recipient
        {
            return
        }
        try await notifyAll(kind, [Notice(recipient: recipient, caseId: caseId, problemId: problemId, detail: detail, at: now)], tx)
    }

    /// One notification: who (nil: nobody in particular — shown to managers), about what, when.
    struct Notice {
        var recipient: String?
        var caseId: String? = nil
        var problemId: String? = nil
        var detail: String?
        var at: Date
    }

    /// Many notifications of one kind in a few statements (a batch of alerts): the notifications, then, for a mailed
    /// kind, an e-mail for each addressee with an address on record.
    static func notifyAll(_ kind: NotificationKind, _ notices: [Notice], _ tx: any SQLExecutor) async throws {
        guard !notices.isEmpty else { return }
        func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
        let ids = notices.map { _ in "ntf_" + SecretToken.identifier(length: 20) }
        try await tx.insertRows(
            "notifications", columns: ["id", "recipient", "kind", "case_id", "problem_id", "detail", "created_at"],
            rows: zip(ids, notices).map { id, notice in
                [.text(id), SQLValue(notice.recipient), .text(kind.rawValue), SQLValue(notice.caseId), SQLValue(notice.problemId), SQLValue(notice.detail),
                 .int(ms(notice.at))]
            })
        guard kind.isMailed else { return }
        let recipients = Set(notices.compactMap(\.recipient)).sorted()
        var emails: [String: String] = [:]
        for start in stride(from: 0, to: recipients.count, by: 500) {
            let chunk = Array(recipients[start..<min(start + 500, recipients.count)])
            let rows = try await tx.query(
                "SELECT code, email FROM staff WHERE code IN (\(Array(repeating: "?", count: chunk.count).joined(separator: ", ")))", chunk.map { .text($0) })
            for row in rows {
                if let code = row.text("code"), let email = row.text("email"), !email.isEmpty { emails[code] = email }
            }
        }
        let mails = zip(ids, notices).compactMap { id, notice in notice.recipient.flatMap { emails[$0] }.map { (id, $0, notice.at) } }
        try await tx.insertRows(
            "mail_outbox", columns: ["id", "to_address", "status", "attempts", "next_attempt_at"],
            rows: mails.map { id, email, at in [.text(id), .text(email), .text("pending"), .int(0), .int(ms(at))] })
    }
    /// The manager of a location (the lowest code among its staff with role `manager`).
    static func manager(of location: String?, _ tx: any SQLExecutor) async throws -> String? {
        guard let location else { return nil }
        return try await tx.query("SELECT code FROM staff WHERE role = 'manager' AND location_code = ? ORDER BY code LIMIT 1", [.text(location)])
            .first?.text("code")
    }
}
