import Foundation
import OtklikCore
import OtklikMetrics

/// Programmes on either engine (issue 19 items 2-3): definitions and status, enrolment with the frozen hold-out arm,
/// one action per programme and trigger event, the send-time limits checked against the shared contact ledger in the
/// same transaction that writes the contact (under the customer's lock, so several servers cannot exceed a cap), and
/// the data of the report against the hold-out.
public struct SQLProgrammeRepository: Sendable {
    let database: any SQLDatabase
    /// The channels a message or a survey invitation can be delivered on (``AppDatabase/deliverableChannels``).
    public let deliverable: [String]
    /// The channels a message or a survey invitation can always be delivered on: `email` (SMTP) and `sms` (the SMS
    /// gateway; either logged when not configured). `messenger` joins them when its gateway is configured.
    public static let standardDeliverable = ["email", "sms"]

    public init(database: any SQLDatabase, deliverable: [String] = SQLProgrammeRepository.standardDeliverable) {
        self.database = database
        self.deliverable = deliverable
    }

    static func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ ms: Int64?) -> Date? { ms.map { Date(timeIntervalSince1970: Double($0) / 1000) } }
    static func newID(_ prefix: String) -> String {
        prefix + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
    }

    // MARK: definitions

    /// Stores a new programme; a code already used is a conflict and nothing is written.
    public func create(_ programme: Programme, now: Date = Date()) async throws {
        try await database.transaction { tx in
            if try await !tx.query("SELECT code FROM programmes WHERE code = ?", [.text(programme.code)]).isEmpty {
                throw OtklikError(.conflict, "a programme with code '\(programme.code)' exists", field: "code")
            }
            if let survey = programme.action.survey, try await tx.query("SELECT code FROM surveys WHERE code = ?", [.text(survey)]).isEmpty {
                throw OtklikError(.invalidInput, "no survey '\(survey)'", field: "action.survey")
            }
            for (index, segment) in programme.segments.enumerated()
            where try await tx.query("SELECT code FROM segments WHERE code = ?", [.text(segment)]).isEmpty {
                throw OtklikError(.invalidInput, "no segment '\(segment)' (define it under /api/v1/segments first)", field: "segments[\(index)]")
            }
            let definition = String(decoding: ProgrammeDefinition.json(programme), as: UTF8.self)
            try await tx.execute(
                "INSERT INTO programmes (code, name, definition, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                [.text(programme.code), .text(programme.name), .text(definition), .text(programme.status.rawValue), .int(Self.ms(now)), .int(Self.ms(now))])
        }
    }

    public func programmes() async throws -> [StoredProgramme] {
        try await Self.programmes(where: "1 = 1", [], database)
    }

    public func programme(code: String) async throws -> StoredProgramme? {
        try await Self.programmes(where: "p.code = ?", [.text(code)], database).first
    }

    static func programmes(where condition: String, _ binds: [SQLValue], _ executor: any SQLExecutor) async throws -> [StoredProgramme] {
        try await executor.query(
            """
            SELECT p.code, p.definition, p.status, p.status_reason, p.created_at,
                (SELECT COUNT(*) FROM programme_enrolments e WHERE e.programme_code = p.code AND e.arm = 'treated') AS treated,
                (SELECT COUNT(*) FROM programme_enrolments e WHERE e.programme_code = p.code AND e.arm = 'holdout') AS holdout
            FROM programmes p WHERE \(condition) ORDER BY p.code
            """, binds
        ).map { row in
            var programme = try ProgrammeDefinition.parse(Data((row.text("definition") ?? "{}").utf8))
            programme.status = row.text("status").flatMap(ProgrammeStatus.init(rawValue:)) ?? .paused
            return StoredProgramme(
                programme: programme, statusReason: row.text("status_reason"), createdAt: date(row.int64("created_at")) ?? Date(timeIntervalSince1970: 0),
                treated: row.int("treated") ?? 0, holdout: row.int("holdout") ?? 0)
        }
    }

    /// Pauses or resumes a programme, with the reason (a person's, or `harmful` when it paused itself).
    public func setStatus(code: String, _ status: ProgrammeStatus, reason: String?, now: Date = Date()) async throws {
        try await database.transaction { tx in
            guard try await !tx.query("SELECT code FROM programmes WHERE code = ?", [.text(code)]).isEmpty else {
                throw OtklikError(.notFound, "no programme '\(code)'", field: "code")
            }
            try await tx.execute(
                "UPDATE programmes SET status = ?, status_reason = ?, updated_at = ? WHERE code = ?",
                [.text(status.rawValue), reason.map { .text($0) } ?? .null, .int(Self.ms(now)), .text(code)])
        }
    }

    // MARK: enrolment

    /// The customer's arm in the programme, frozen at first eligibility: the stored one (the customer's own before one
    /// inherited from a merged customer), or a new enrolment drawn by ``HoldoutAssignment``.
    static func enrol(_ programme: Programme, customer: String, at: Date, in tx: any SQLExecutor) async throws -> HoldoutAssignment.Arm {
        if let arm = try await enrolment(programme.code, customer: customer, tx) { return arm }
        let arm = HoldoutAssignment.arm(programme: programme.code, customer: customer, share: programme.holdoutShare, globalHoldout: programme.globalHoldout)
        try await tx.execute(
            """
            INSERT INTO programme_enrolments (id, programme_code, customer_id, assigned_to, arm, first_eligible_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (programme_code, assigned_to) DO NOTHING
            """,
            [.text(newID("enr_")), .text(programme.code), .text(customer), .text(customer), .text(arm.rawValue), .int(ms(at))])
        return try await enrolment(programme.code, customer: customer, tx) ?? arm
    }

    static func enrolment(_ code: String, customer: String, _ tx: any SQLExecutor) async throws -> HoldoutAssignment.Arm? {
        try await tx.query(
            """
            SELECT arm FROM programme_enrolments WHERE programme_code = ? AND customer_id = ?
            ORDER BY CASE WHEN assigned_to = customer_id THEN 0 ELSE 1 END, first_eligible_at, id LIMIT 1
            """, [.text(code), .text(customer)]
        ).first?.text("arm").flatMap(HoldoutAssignment.Arm.init(rawValue:))
    }

    /// The customer's arm in a programme, nil when never eligible.
    public func arm(programme code: String, customer: String) async throws -> HoldoutAssignment.Arm? {
        try await Self.enrolment(code, customer: customer, database)
    }

    // MARK: triggers and actions

    /// One trigger event for one customer, in one transaction: the audience, the enrolment (hold-out frozen), then for a
    /// treated customer the send-time limits against the ledger and the action. A key already handled returns the stored
    /// action (a replay does nothing).
    ///
    /// `segmentMembers` holds the members of the segments the programme names (evaluated by the caller, which has the
    /// scores segments may need); a customer outside one of them is `not_in_audience` with the reason `segment:CODE`.
    public func trigger(
        _ programme: Programme, event: ProgrammeTriggerEvent, organisationZone: TimeZone, now: Date = Date(),
        segmentMembers: [String: Set<String>] = [:]
    ) async throws -> ProgrammeActionRecord {
        try await database.transaction { tx in
            try await Self.trigger(
                programme, event: event, organisationZone: organisationZone, now: now, segmentMembers: segmentMembers, deliverable: deliverable, in: tx)
        }
    }

    static func trigger(
        _ programme: Programme, event: ProgrammeTriggerEvent, organisationZone: TimeZone, now: Date, segmentMembers: [String: Set<String>] = [:],
        deliverable: [String], in tx: any SQLExecutor
    ) async throws -> ProgrammeActionRecord {
        let customer = try await owner(of: event.customer, tx)
        try await ContactLedger.lock(customer, in: tx)
        if let stored = try await action(programme: programme.code, key: event.key, tx) { return stored }
        var record = ProgrammeActionRecord(
            id: newID("pga_"), programme: programme.code, customer: customer, triggerKey: event.key, arm: .treated, status: "done", reason: nil,
            channel: nil, dueAt: nil, actedAt: nil)
        if let segment = ProgrammeAudience.missingSegment(programme.segments, customer: customer, members: segmentMembers) {
            record.status = "not_in_audience"
            record.reason = "segment:" + segment
        } else if let missing = try await ProgrammeAudience.missing(programme.audience, customer: customer, tx) {
            record.status = "not_in_audience"
            record.reason = missing.rawValue
        } else {
            record.arm = try await enrol(programme, customer: customer, at: event.at, in: tx)
            if record.arm == .holdout {
                record.status = "held_out"
            } else {
                try await act(&record, programme, deadline: event.at.addingTimeInterval(Double(programme.action.withinHours) * 3600),
                    organisationZone: organisationZone, deliverable: deliverable, now: now, tx)
            }
        }
        try await tx.execute(
            """
            INSERT INTO programme_actions (id, programme_code, customer_id, trigger_key, arm, status, reason, channel, due_at, acted_at, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(record.id), .text(record.programme), .text(customer), .text(record.triggerKey), .text(record.arm.rawValue), .text(record.status),
             SQLValue(record.reason), SQLValue(record.channel), record.dueAt.map { .int(ms($0)) } ?? .null, record.actedAt.map { .int(ms($0)) } ?? .null,
             .int(ms(now))])
        return record
    }

    /// Checks the limits and, when they allow it now, takes the action and writes the contact; otherwise sets the wait
    /// or the skip. The caller holds the customer's ledger lock.
    static func act(
        _ record: inout ProgrammeActionRecord, _ programme: Programme, deadline: Date, organisationZone: TimeZone, deliverable: [String], now: Date,
        _ tx: any SQLExecutor
    ) async throws {
        let customer = record.customer
        if try await !tx.query("SELECT id FROM contact_ledger WHERE customer_id = ? AND trigger_key = ?", [.text(customer), .text(record.triggerKey)]).isEmpty {
            record.status = "skipped"
            record.reason = "already_contacted_for_this_event"
            return
        }
        let consents = try await SQLCustomerConsents.consents(of: customer, tx)
        let stored = try await SQLCustomerConsents.preferences(of: customer, tx)
        // A message or a survey invitation goes only where an address is on file and Otklik can deliver (e-mail, SMS,
        // the messenger when its gateway is configured); a preferred channel it cannot use gives way to the action's.
        var preferences = stored
        let channels = try await ProgrammeActionTaking.reachable(
            programme.action.channels, kind: programme.action.kind, customer: customer, deliverable: deliverable, tx)
        if let preferred = preferences?.preferredChannel,
            try await ProgrammeActionTaking.reachable([preferred], kind: programme.action.kind, customer: customer, deliverable: deliverable, tx).isEmpty {
            preferences?.preferredChannel = nil
        }
        if channels.isEmpty, preferences?.preferredChannel == nil {
            record.status = "skipped"
            record.reason = "no_address"
            return
        }
        let since = now.addingTimeInterval(-max(programme.limits.window, 7 * 86_400))
        let ledger = try await ContactLedger.contacts(of: customer, since: since, in: tx)
        let decision = SendTimeLimits.decide(
            limits: programme.limits, channels: channels, consents: consents, preferences: preferences, ledger: ledger,
            organisationZone: organisationZone, now: now, deadline: deadline)
        switch decision {
        case .skip(let reason):
            record.status = "skipped"
            record.reason = reason
        case .waitUntil(let until, let channel, let reason):
            record.status = "waiting"
            record.reason = reason
            record.channel = channel
            record.dueAt = until
        case .sendNow(let channel):
            switch try await ProgrammeActionTaking.take(record, programme, channel: channel, deadline: deadline, preferences: stored, now: now, tx) {
            case .skipped(let reason):
                record.status = "skipped"
                record.reason = reason
                record.dueAt = nil
                return
            case .taken(let purpose):
                try await ContactLedger.record(
                    ContactRecord(customer: customer, channel: channel, purpose: purpose, source: "programme:\(programme.code)", at: now),
                    triggerKey: record.triggerKey, in: tx)
            }
            record.status = "done"
            record.reason = nil
            record.channel = channel
            record.dueAt = nil
            record.actedAt = now
        }
    }

    /// Takes up the waiting actions whose time has come (quiet hours over, a cap freed): each checked again in its own
    /// transaction under the customer's lock; a paused programme's waits are skipped.
    @discardableResult
    public func actDue(organisationZone: TimeZone, now: Date = Date(), limit: Int = 200) async throws -> [ProgrammeActionRecord] {
        let due = try await database.query(
            "SELECT id FROM programme_actions WHERE status = 'waiting' AND due_at <= ? ORDER BY due_at, id LIMIT ?", [.int(Self.ms(now)), .int(Int64(limit))]
        ).compactMap { $0.text("id") }
        var done: [ProgrammeActionRecord] = []
        for id in due {
            let record = try await database.transaction { tx -> ProgrammeActionRecord? in
                guard let customerRow = try await tx.query("SELECT customer_id FROM programme_actions WHERE id = ?", [.text(id)]).first,
                    let customer = customerRow.text("customer_id")
                else { return nil }
                try await ContactLedger.lock(customer, in: tx)
                guard var record = try await Self.action(id: id, tx), record.status == "waiting" else { return nil }
                guard let stored = try await Self.programmes(where: "p.code = ?", [.text(record.programme)], tx).first else { return nil }
                if stored.programme.status == .paused {
                    record.status = "skipped"
                    record.reason = "programme_paused"
                } else {
                    let created = try await tx.query("SELECT created_at FROM programme_actions WHERE id = ?", [.text(id)]).first?.int64("created_at")
                    let start = Self.date(created) ?? now
                    try await Self.act(&record, stored.programme, deadline: start.addingTimeInterval(Double(stored.programme.action.withinHours) * 3600),
                        organisationZone: organisationZone, deliverable: deliverable, now: now, tx)
                }
                try await tx.execute(
                    "UPDATE programme_actions SET status = ?, reason = ?, channel = ?, due_at = ?, acted_at = ? WHERE id = ?",
                    [.text(record.status), SQLValue(record.reason), SQLValue(record.channel), record.dueAt.map { .int(Self.ms($0)) } ?? .null,
                     record.actedAt.map { .int(Self.ms($0)) } ?? .null, .text(id)])
                return record
            }
            if let record { done.append(record) }
        }
        return done
    }

    static let actionColumns = "id, programme_code, customer_id, trigger_key, arm, status, reason, channel, due_at, acted_at"

    static func action(programme: String, key: String, _ tx: any SQLExecutor) async throws -> ProgrammeActionRecord? {
        try await tx.query("SELECT \(actionColumns) FROM programme_actions WHERE programme_code = ? AND trigger_key = ?", [.text(programme), .text(key)])
            .first.map(actionRecord)
    }

    static func action(id: String, _ tx: any SQLExecutor) async throws -> ProgrammeActionRecord? {
        try await tx.query("SELECT \(actionColumns) FROM programme_actions WHERE id = ?", [.text(id)]).first.map(actionRecord)
    }

    static func actionRecord(_ row: SQLRow) -> ProgrammeActionRecord {
        ProgrammeActionRecord(
            id: row.text("id") ?? "", programme: row.text("programme_code") ?? "", customer: row.text("customer_id") ?? "",
            triggerKey: row.text("trigger_key") ?? "", arm: row.text("arm").flatMap(HoldoutAssignment.Arm.init(rawValue:)) ?? .treated,
            status: row.text("status") ?? "", reason: row.text("reason"), channel: row.text("channel"), dueAt: date(row.int64("due_at")),
            actedAt: date(row.int64("acted_at")))
    }

    /// A programme's actions, newest first.
    public func actions(programme code: String, limit: Int = 100) async throws -> [ProgrammeActionRecord] {
        try await database.query(
            "SELECT \(Self.actionColumns) FROM programme_actions WHERE programme_code = ? ORDER BY created_at DESC, id DESC LIMIT ?",
            [.text(code), .int(Int64(limit))]
        ).map(Self.actionRecord)
    }

    /// The customer a merged customer's events go to (the survivor), else the customer itself.
    static func owner(of customer: String, _ tx: any SQLExecutor) async throws -> String {
        var current = customer
        for _ in 0..<8 {
            guard let into = try await tx.query("SELECT merged_into FROM customers WHERE id = ?", [.text(current)]).first?.text("merged_into") else { break }
            current = into
        }
        return current
    }

    // MARK: the ledger outside programmes

    /// Records a staff call (or any contact made outside a programme) so that it counts against every cap.
    public func recordContact(_ contact: ContactRecord, triggerKey: String? = nil) async throws {
        try await database.transaction { tx in
            let customer = try await Self.owner(of: contact.customer, tx)
            try await ContactLedger.lock(customer, in: tx)
            var stored = contact
            stored.customer = customer
            try await ContactLedger.record(stored, triggerKey: triggerKey, in: tx)
        }
    }

    /// Checks a cap and writes the contact in one transaction: true when written, false when the cap (at most
    /// `limits.maxContacts` in the window, across every source and channel) is reached.
    public func contactWithinCap(_ contact: ContactRecord, limits: ContactLimits) async throws -> Bool {
        try await database.transaction { tx in
            try await ContactLedger.lock(contact.customer, in: tx)
            let recent = try await ContactLedger.contacts(of: contact.customer, since: contact.at.addingTimeInterval(-limits.window), in: tx)
            guard recent.count < limits.maxContacts else { return false }
            try await ContactLedger.record(contact, triggerKey: nil, in: tx)
            return true
        }
    }

    /// The customer's contacts after `since`, oldest first.
    public func contacts(of customer: String, since: Date) async throws -> [ContactRecord] {
        try await ContactLedger.contacts(of: customer, since: since, in: database)
    }
}
