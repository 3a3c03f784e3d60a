import Foundation
import OtklikCore

/// An e-mail due to be sent: the notification it carries and where to.
public struct PendingMail: Sendable, Equatable {
    public var notification: AppNotification
    public var to: String
    public var attempts: Int
}

/// Notifications and their e-mail outbox.
public protocol NotificationRepository: Sendable {
    /// Newest first.
    func notifications(for audience: NotificationAudience, unreadOnly: Bool, limit: Int) async throws -> [AppNotification]
    func unreadCount(for audience: NotificationAudience) async throws -> Int
    /// One page, newest first: `kind` nil is every kind.
    func notifications(
        for audience: NotificationAudience, unreadOnly: Bool, kind: NotificationKind?, limit: Int, offset: Int
    ) async throws -> [AppNotification]
    /// How many notifications the page would list in all.
    func count(for audience: NotificationAudience, unreadOnly: Bool, kind: NotificationKind?) async throws -> Int
    /// The digest: unread notifications by kind, and the newest of each kind.
    func unreadByKind(for audience: NotificationAudience) async throws -> [NotificationKind: (count: Int, newest: Date)]
    /// Marks every unread notification of one kind read; returns how many changed.
    func markAllRead(for audience: NotificationAudience, kind: NotificationKind, at now: Date) async throws -> Int
    /// Marks these notifications read (those the audience may see; already read ones keep their time); returns how
    /// many are read now among the ids. Unknown ids are an error naming the field, and nothing is marked.
    func markRead(ids: [String], for audience: NotificationAudience, at now: Date) async throws -> Int
    /// Marks everything the audience sees as read; returns how many changed.
    func markAllRead(for audience: NotificationAudience, at now: Date) async throws -> Int
    /// Marks every unread notification created before `date` as read when it was created (history loaded after the
    /// fact, such as the demo's year of cases, was read by its people at the time); returns how many changed.
    func markReadAsOfCreation(createdBefore date: Date) async throws -> Int
    /// E-mails due at `now`, oldest first.
    func dueMail(now: Date, limit: Int) async throws -> [PendingMail]
    /// Claims up to `limit` e-mails due at `now` that no live claim holds, oldest first, for `holder` during `seconds`,
    /// and returns them: with several servers each e-mail is sent by one of them. Recording the attempt releases the
    /// claim; the claim of a server that stopped expires and the e-mail is claimed again.
    func claimDueMail(now: Date, limit: Int, holder: String, seconds: Double) async throws -> [PendingMail]
    /// Gives up `holder`'s claim on an e-mail without recording an attempt.
    func releaseMail(id: String, holder: String) async throws
    /// Records an attempt: sent, or tried again at `retryAt`, or given up when `retryAt` is nil.
    func recordMail(id: String, sent: Bool, error: String?, at now: Date, retryAt: Date?) async throws
    /// The e-mail outbox's state of one notification (`pending`, `sent`, `failed`), if it has an e-mail.
    func mailStatus(id: String) async throws -> (status: String, attempts: Int)?
}

public struct SQLNotificationRepository: NotificationRepository {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    static func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ value: Int64?) -> Date? { value.map { Date(timeIntervalSince1970: Double($0) / 1000) } }
    static let columns = "n.id, n.recipient, n.kind, n.case_id, n.problem_id, n.detail, n.created_at, n.read_at"

    /// The SQL condition for an audience and its binds.
    static func condition(_ audience: NotificationAudience) -> (String, [SQLValue]) {
        switch audience {
        case .everyone: return ("1 = 1", [])
        case .staff(let code): return ("n.recipient = ?", [.text(code)])
        case .user(let staff, let isAdmin):
            var parts: [String] = []
            var binds: [SQLValue] = []
            if let staff {
                parts.append("n.recipient = ?")
                binds.append(.text(staff))
            }
            if isAdmin { parts.append("n.recipient IS NULL") }
            return parts.isEmpty ? ("1 = 0", []) : ("(" + parts.joined(separator: " OR ") + ")", binds)
        case .staffAt(let locations):
            guard !locations.isEmpty else { return ("1 = 0", []) }
            let codes = locations.sorted()
            let marks = SQLMarks.list(codes.count)
            return ("n.recipient IN (SELECT s.code FROM staff s WHERE s.location_code IN (\(marks)))", codes.map { .text($0) })
        }
    }

    public func notifications(for audience: NotificationAudience, unreadOnly: Bool, limit: Int) async throws -> [AppNotification] {
        let (condition, binds) = Self.condition(audience)
        return try await database.query(
            "SELECT \(Self.columns) FROM notifications n WHERE \(condition)\(unreadOnly ? " AND n.read_at IS NULL" : "") ORDER BY n.created_at DESC, n.id LIMIT ?",
            binds + [.int(Int64(max(1, min(limit, 1000))))]
        ).map(Self.notification(row:))
    }

    public func notifications(
        for audience: NotificationAudience, unreadOnly: Bool, kind: NotificationKind?, limit: Int, offset: Int
    ) async throws -> [AppNotification] {
        let (condition, binds) = Self.condition(audience, unreadOnly: unreadOnly, kind: kind)
        return try await database.query(
            "SELECT \(Self.columns) FROM notifications n WHERE \(condition) ORDER BY n.created_at DESC, n.id LIMIT ? OFFSET ?",
            binds + [.int(Int64(max(1, min(limit, 1000)))), .int(Int64(max(0, offset)))]
        ).map(Self.notification(row:))
    }

    public func count(for audience: NotificationAudience, unreadOnly: Bool, kind: NotificationKind?) async throws -> Int {
        let (condition, binds) = Self.condition(audience, unreadOnly: unreadOnly, kind: kind)
        return try await database.query("SELECT COUNT(*) AS c FROM notifications n WHERE \(condition)", binds).first?.int("c") ?? 0
    }

    public func unreadByKind(for audience: NotificationAudience) async throws -> [NotificationKind: (count: Int, newest: Date)] {
        let (condition, binds) = Self.condition(audience, unreadOnly: true, kind: nil)
        var result: [NotificationKind: (count: Int, newest: Date)] = [:]
        for row in try await database.query(
            "SELECT n.kind, COUNT(*) AS c, MAX(n.created_at) AS newest FROM notifications n WHERE \(condition) GROUP BY n.kind", binds)
        {
            guard let kind = NotificationKind(rawValue: row.text("kind") ?? ""), let newest = Self.date(row.int64("newest")) else { continue }
            result[kind] = (row.int("c") ?? 0, newest)
        }
        return result
    }

    public func markAllRead(for audience: NotificationAudience, kind: NotificationKind, at now: Date) async throws -> Int {
        let (condition, binds) = Self.condition(audience, unreadOnly: true, kind: kind)
        return try await database.transaction { tx in
            let count = try await tx.query("SELECT COUNT(*) AS c FROM notifications n WHERE \(condition)", binds).first?.int("c") ?? 0
            try await tx.execute(
                "UPDATE notifications SET read_at = ? WHERE read_at IS NULL AND id IN (SELECT n.id FROM notifications n WHERE \(condition))",
                [.int(Self.ms(now))] + binds)
            return count
        }
    }

    /// The audience's condition, narrowed to unread ones and one kind.
    static func condition(_ audience: NotificationAudience, unreadOnly: Bool, kind: NotificationKind?) -> (String, [SQLValue]) {
        var (condition, binds) = Self.condition(audience)
        if unreadOnly { condition += " AND n.read_at IS NULL" }
        if let kind {
            condition += " AND n.kind = ?"
            binds.append(.text(kind.rawValue))
        }
        return (condition, binds)
    }

    public func unreadCount(for audience: NotificationAudience) async throws -> Int {
        let (condition, binds) = Self.condition(audience)
        return try await database.query("SELECT COUNT(*) AS c FROM notifications n WHERE \(condition) AND n.read_at IS NULL", binds)
            .first?.int("c") ?? 0
    }

    public func markRead(ids: [String], for audience: NotificationAudience, at now: Date) async throws -> Int {
        let unique = Array(Set(ids)).sorted()
        guard !unique.isEmpty else { return 0 }
        guard unique.count <= 1000 else { throw OtklikError.invalid("ids", "at most 1000 ids at a time") }
        let (condition, binds) = Self.condition(audience)
        return try await database.transaction { tx in
            let marks = SQLMarks.list(unique.count)
            let visible = Set(try await tx.query(
                "SELECT n.id FROM notifications n WHERE n.id IN (\(marks)) AND \(condition)", unique.map { .text($0) } + binds
            ).compactMap { $0.text("id") })
            if let index = ids.firstIndex(where: { !visible.contains($0) }) {
                throw OtklikError(.notFound, "no notification '\(ids[index])'", field: "ids[\(index)]")
            }
            try await tx.execute(
                "UPDATE notifications SET read_at = ? WHERE id IN (\(marks)) AND read_at IS NULL", [.int(Self.ms(now))] + unique.map { .text($0) })
            return unique.count
        }
    }

    public func markAllRead(for audience: NotificationAudience, at now: Date) async throws -> Int {
        let (condition, binds) = Self.condition(audience)
        return try await database.transaction { tx in
            let count = try await tx.query("SELECT COUNT(*) AS c FROM notifications n WHERE \(condition) AND n.read_at IS NULL", binds)
                .first?.int("c") ?? 0
            try await tx.execute(
                "UPDATE notifications SET read_at = ? WHERE read_at IS NULL AND id IN (SELECT n.id FROM notifications n WHERE \(condition))",
                [.int(Self.ms(now))] + binds)
            return count
        }
    }

    public func markReadAsOfCreation(createdBefore date: Date) async throws -> Int {
        try await database.transaction { tx in
            let count = try await tx.query("SELECT COUNT(*) AS c FROM notifications WHERE read_at IS NULL AND created_at < ?", [.int(Self.ms(date))])
                .first?.int("c") ?? 0
            try await tx.execute("UPDATE notifications SET read_at = created_at WHERE read_at IS NULL AND created_at < ?", [.int(Self.ms(date))])
            return count
        }
    }

    public func dueMail(now: Date, limit: Int) async throws -> [PendingMail] {
        try await database.query(
            """
            SELECT \(Self.columns), m.to_address, m.attempts FROM mail_outbox m JOIN notifications n ON n.id = m.id
            WHERE m.status = 'pending' AND m.next_attempt_at <= ? ORDER BY m.next_attempt_at, m.id LIMIT ?
            """, [.int(Self.ms(now)), .int(Int64(limit))]
        ).map { row in
            PendingMail(notification: try Self.notification(row: row), to: try row.string("to_address"), attempts: row.int("attempts") ?? 0)
        }
    }

    public func claimDueMail(now: Date, limit: Int, holder: String, seconds: Double) async throws -> [PendingMail] {
        // From the later of `now` and the clock: a round that began long ago still claims for the full time.
        let until = Self.ms(max(now, Date()).addingTimeInterval(seconds))
        return try await database.transaction { tx in
            try await ItemClaim.claim(
                "mail_outbox", key: "id", due: "status = 'pending' AND next_attempt_at <= ?", binds: [.int(Self.ms(now))],
                order: "next_attempt_at, id", holder: holder, until: until, now: Self.ms(now), limit: limit, in: tx)
            return try await tx.query(
                """
                SELECT \(Self.columns), m.to_address, m.attempts FROM mail_outbox m JOIN notifications n ON n.id = m.id
                WHERE m.status = 'pending' AND m.claimed_by = ? AND m.claimed_until = ? ORDER BY m.next_attempt_at, m.id
                """, [.text(holder), .int(until)]
            ).map { row in
                PendingMail(notification: try Self.notification(row: row), to: try row.string("to_address"), attempts: row.int("attempts") ?? 0)
            }
        }
    }

    public func releaseMail(id: String, holder: String) async throws {
        try await database.execute(
            "UPDATE mail_outbox SET claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ?", [.text(id), .text(holder)])
    }

    public func recordMail(id: String, sent: Bool, error: String?, at now: Date, retryAt: Date?) async throws {
        let state = sent ? "sent" : retryAt == nil ? "failed" : "pending"
        try await database.execute(
            """
            UPDATE mail_outbox SET status = ?, attempts = attempts + 1, last_error = ?, next_attempt_at = ?, sent_at = ?, claimed_by = NULL,
            claimed_until = NULL WHERE id = ?
            """,
            [.text(state), SQLValue(error.map { String($0.prefix(500)) }), .int(Self.ms(retryAt ?? now)), sent ? .int(Self.ms(now)) : .null, .text(id)])
    }

    public func mailStatus(id: String) async throws -> (status: String, attempts: Int)? {
        guard let row = try await database.query("SELECT status, attempts FROM mail_outbox WHERE id = ?", [.text(id)]).first else { return nil }
        return (try row.string("status"), row.int("attempts") ?? 0)
    }

    static func notification(row: SQLRow) throws -> AppNotification {
        guard let kind = NotificationKind(rawValue: try row.string("kind")), let created = date(row.int64("created_at")) else {
            throw OtklikError(.internal, "stored notification has an unknown kind or time")
        }
        return AppNotification(
            id: try row.string("id"), recipient: row.text("recipient"), kind: kind, caseId: row.text("case_id"), problemId: row.text("problem_id"),
            detail: row.text("detail"), createdAt: created, readAt: date(row.int64("read_at")))
    }
}
