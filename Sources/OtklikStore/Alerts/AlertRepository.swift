import Foundation
import OtklikCore

/// Red-press alerts: opened idempotently per feedback with a notification to each of the location's duty staff in the
/// same transaction (one per location and run, however many alerts it opened, and none while their last one about the
/// location is unread), acknowledged, and closed with what staff did.
public protocol AlertRepository: Sendable {
    /// Opens an alert for every feedback that calls for one (``RedPressAlert/opens(for:now:)``) and has none yet, and
    /// notifies the location's duty staff, all in one transaction. Returns the alerts this call opened. (Servers open
    /// them from the change feed: ``SQLAlertRepository/openAlertsFromFeed(consumer:limit:now:)``.)
    func open(for items: [Feedback], now: Date) async throws -> [RedPressAlert]
    /// Newest first; `locations` nil is every location; `openOnly` leaves out closed alerts.
    func alerts(locations: [String]?, openOnly: Bool, from: Date?, to: Date?, limit: Int) async throws -> [RedPressAlert]
    func alert(id: String) async throws -> RedPressAlert?
    /// Records that someone has gone to the customer (the first acknowledgement counts; a repeat changes nothing).
    func acknowledge(id: String, by: String, now: Date) async throws -> RedPressAlert
    /// Closes the alert with what was done and how it ended. A retry with the same action and outcome returns the
    /// closed alert; a different one on a closed alert is a conflict.
    func close(id: String, by: String, action: String, outcome: AlertOutcome, now: Date) async throws -> RedPressAlert
}

public struct SQLAlertRepository: AlertRepository {
    let database: any SQLDatabase
    /// The feedback this process has just committed: the alert consumer's steps take it from memory (nil: they read
    /// the store).
    let recent: RecentFeedbackWrites?

    public init(database: any SQLDatabase, recent: RecentFeedbackWrites? = nil) {
        self.database = database
        self.recent = recent
    }

    static func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ value: Int64?) -> Date? { value.map { Date(timeIntervalSince1970: Double($0) / 1000) } }
    static let columns =
        "id, feedback_id, location_code, staff_code, event, rating, opened_at, acknowledged_at, acknowledged_by, closed_at, closed_by, action_text, outcome"

    /// The staff on duty at each location (``AlertNotices/duty(_:)``): one query for every location of a batch.
    static func dutyStaff(at locations: Set<String>, _ tx: any SQLExecutor) async throws -> [String: [String]] {
        guard !locations.isEmpty else { return [:] }
        let sorted = locations.sorted()
        let rows = try await tx.query(
            "SELECT code, role, location_code FROM staff WHERE location_code IN (\(SQLMarks.list(sorted.count))) ORDER BY code",
            sorted.map { .text($0) })
        return AlertNotices.duty(rows.compactMap { row in
            guard let code = row.text("code"), let location = row.text("location_code") else { return nil }
            return (code, row.text("role"), location)
        })
    }

    /// The unread notices of some recipients of one kind (the kind bound last), with the location each names: read
    /// through the partial index `notifications_unread` (migration 0063), never the recipients' whole history.
    static func unreadNoticesQuery(_ marks: String) -> String {
        "SELECT recipient, detail FROM notifications WHERE recipient IN (\(marks)) AND kind = ? AND read_at IS NULL"
    }

    /// Which of `staff` have an unread red-press notification, and about which location: one query for a run.
    static func unreadNotices(of staff: Set<String>, _ tx: any SQLExecutor) async throws -> Set<AlertNotices.Unread> {
        var unread = Set<AlertNotices.Unread>()
        let rows = try await tx.query(in: staff.sorted(), after: [.text(NotificationKind.alertOpened.rawValue)], unreadNoticesQuery)
        for row in rows {
            if let recipient = row.text("recipient"), let location = row.text("detail") {
                unread.insert(AlertNotices.Unread(recipient: recipient, location: location))
            }
        }
        return unread
    }

    public func open(for items: [Feedback], now: Date) async throws -> [RedPressAlert] {
        let wanted = items.filter { RedPressAlert.opens(for: $0, now: now) }
        guard !wanted.isEmpty else { return [] }
        return try await database.transaction { tx in try await Self.open(wanted.map { ($0, now) }, tx) }
    }

    /// Opens the alerts of these feedback items (each opened at its given time) that have none yet, and notifies the
    /// location's duty staff, inside the caller's transaction. The insert says itself whether it stored the row
    /// (`RETURNING`), so a feedback that already has an alert — from an earlier or a concurrent run — is skipped
    /// without reading the table back, and its staff are not told twice.
    static func open(_ items: [(feedback: Feedback, openedAt: Date)], _ tx: any SQLExecutor) async throws -> [RedPressAlert] {
        // A batch opens its alerts in a few statements: multi-row inserts, the duty staff of every location in one query,
        // the notifications in multi-row inserts (measured: a POST of 1,000 low scores stored 624 records/s when each
        // alert took its own statements, 1,242 batched, beside 7,540 without alerts on a loaded machine).
        var seen = Set<String>()
        let candidates = items.filter { seen.insert($0.feedback.id).inserted }.map { item, openedAt in
            RedPressAlert(
                id: "alr_" + SecretToken.timeOrderedIdentifier(at: openedAt), feedbackId: item.id, location: item.location ?? "",
                staff: item.staff, event: RedPressAlert.event(for: item) ?? "negative_press", rating: RedPressAlert.rating(for: item), openedAt: openedAt)
        }
        let stored = Set(try await tx.insertRows(
            "red_press_alerts", columns: ["id", "feedback_id", "location_code", "staff_code", "event", "rating", "opened_at"],
            rows: candidates.map { alert -> [SQLValue] in
                [.text(alert.id), .text(alert.feedbackId), .text(alert.location), SQLValue(alert.staff), .text(alert.event), .text(alert.rating),
                 .int(Self.ms(alert.openedAt))]
            },
            suffix: "ON CONFLICT (feedback_id) DO NOTHING", returning: "id"
        ).compactMap { $0.text("id") })
        let opened = candidates.filter { stored.contains($0.id) }
        let duty = try await Self.dutyStaff(at: Set(opened.map(\.location)), tx)
        let unread = try await Self.unreadNotices(of: Set(duty.values.joined()), tx)
        let notices = AlertNotices.notices(for: opened, duty: duty, unread: unread).map {
            Notifier.Notice(recipient: $0.recipient, detail: $0.location, at: $0.at)
        }
        try await Notifier.notifyAll(.alertOpened, notices, tx)
        return opened
    }

    public func alerts(locations: [String]?, openOnly: Bool, from: Date?, to: Date?, limit: Int) async throws -> [RedPressAlert] {
        var conditions: [String] = []
        var binds: [SQLValue] = []
        if let locations {
            guard !locations.isEmpty else { return [] }
            conditions.append("location_code IN (\(SQLMarks.list(locations.count)))")
            binds += locations.map { .text($0) }
        }
        if openOnly { conditions.append("closed_at IS NULL") }
        if let from {
            conditions.append("opened_at >= ?")
            binds.append(.int(Self.ms(from)))
        }
        if let to {
            conditions.append("opened_at < ?")
            binds.append(.int(Self.ms(to)))
        }
        let condition = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try await database.query(
            "SELECT \(Self.columns) FROM red_press_alerts \(condition) ORDER BY opened_at DESC, id LIMIT ?",
            binds + [.int(Int64(max(1, min(limit, 100_000))))]
        ).map(Self.alert(row:))
    }

    public func alert(id: String) async throws -> RedPressAlert? {
        try await database.query("SELECT \(Self.columns) FROM red_press_alerts WHERE id = ?", [.text(id)]).first.map(Self.alert(row:))
    }

    static func who(_ by: String) throws -> String {
        let trimmed = by.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 100 else { throw OtklikError.invalid("by", "say who reacted (1-100 characters)") }
        return trimmed
    }

    public func acknowledge(id: String, by: String, now: Date) async throws -> RedPressAlert {
        let by = try Self.who(by)
        return try await database.transaction { tx in
            guard try await tx.query("SELECT id FROM red_press_alerts WHERE id = ?", [.text(id)]).first != nil else {
                throw OtklikError(.notFound, "no alert '\(id)'", field: "id")
            }
            try await tx.execute(
                "UPDATE red_press_alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL AND closed_at IS NULL",
                [.int(Self.ms(now)), .text(by), .text(id)])
            return try await Self.alert(row: tx.query("SELECT \(Self.columns) FROM red_press_alerts WHERE id = ?", [.text(id)])[0])
        }
    }

    public func close(id: String, by: String, action: String, outcome: AlertOutcome, now: Date) async throws -> RedPressAlert {
        let by = try Self.who(by)
        let action = action.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !action.isEmpty, action.count <= RedPressAlert.maxActionLength else {
            throw OtklikError.invalid("action", "say what was done for the customer (1-\(RedPressAlert.maxActionLength) characters)")
        }
        return try await database.transaction { tx in
            guard let row = try await tx.query("SELECT \(Self.columns) FROM red_press_alerts WHERE id = ?", [.text(id)]).first else {
                throw OtklikError(.notFound, "no alert '\(id)'", field: "id")
            }
            let current = try Self.alert(row: row)
            if current.closedAt != nil {
                guard current.action == action, current.outcome == outcome else {
                    throw OtklikError(.conflict, "alert '\(id)' was already closed by \(current.closedBy ?? "-")", field: "id")
                }
                return current
            }
            try await tx.execute(
                """
                UPDATE red_press_alerts SET acknowledged_at = COALESCE(acknowledged_at, ?), acknowledged_by = COALESCE(acknowledged_by, ?),
                closed_at = ?, closed_by = ?, action_text = ?, outcome = ? WHERE id = ?
                """,
                [.int(Self.ms(now)), .text(by), .int(Self.ms(now)), .text(by), .text(action), .text(outcome.rawValue), .text(id)])
            return try await Self.alert(row: tx.query("SELECT \(Self.columns) FROM red_press_alerts WHERE id = ?", [.text(id)])[0])
        }
    }

    static func alert(row: SQLRow) throws -> RedPressAlert {
        RedPressAlert(
            id: try row.string("id"), feedbackId: try row.string("feedback_id"), location: try row.string("location_code"),
            staff: row.text("staff_code"), event: try row.string("event"), rating: try row.string("rating"),
            openedAt: date(row.int64("opened_at")) ?? Date(timeIntervalSince1970: 0), acknowledgedAt: date(row.int64("acknowledged_at")),
            acknowledgedBy: row.text("acknowledged_by"), closedAt: date(row.int64("closed_at")), closedBy: row.text("closed_by"),
            action: row.text("action_text"), outcome: row.text("outcome").flatMap(AlertOutcome.init(rawValue:)))
    }
}
