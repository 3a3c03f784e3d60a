import Foundation
import OtklikCore
import OtklikMetrics

extension SQLProgrammeRepository {
    /// The keys a programme has already handled that start with `prefix` (so a day's evaluation skips them without a
    /// transaction each; ``trigger(_:event:organisationZone:now:segmentMembers:)`` would find them anyway).
    func handledKeys(_ code: String, prefix: String) async throws -> Set<String> {
        Set(try await database.query(
            "SELECT trigger_key FROM programme_actions WHERE programme_code = ? AND trigger_key LIKE ?", [.text(code), .text(prefix + "%")]
        ).compactMap { $0.text("trigger_key") })
    }

    /// One day's evaluation of a `service_request_stalled` programme (``ServiceRequestStall``) on `day` (the organisation's
    /// day, days since 1970-01-01): every open request of a known customer (of the definition's services, if it names
    /// any) whose deadline — the end of the term's last working day after the submission day, on the organisation's
    /// working-day calendar — has passed triggers the programme once, with the key `service_request_stalled:REQUEST`,
    /// each in its own transaction. A request that stalled before the programme's creation day triggers nothing (as a
    /// case breached before a `case_overdue` programme existed). Returns the requests triggered, or nil when the day had
    /// already been evaluated.
    @discardableResult
    public func evaluateStalledRequests(
        _ programme: Programme, day: Int, createdAt: Date, segmentMembers: [String: Set<String>] = [:], organisationZone zone: TimeZone,
        now: Date = Date()
    ) async throws -> Int? {
        guard let stall = programme.stall else {
            throw OtklikError(.invalidInput, "programme '\(programme.code)' has no service_request_stalled trigger", field: "trigger")
        }
        let occurrence = "day:" + CivilDate.iso(day)
        if try await hasRun(programme: programme.code, occurrence: occurrence) { return nil }
        let calendar = WorkingCalendar(try await SQLProcessRepository.calendarDays(database))
        let createdDay = Int(LocalCalendar.day(of: createdAt, in: zone))
        let handled = try await handledKeys(programme.code, prefix: "service_request_stalled:")
        let filter = stall.services.isEmpty ? "" : " AND r.service_code IN (\(stall.services.map { _ in "?" }.joined(separator: ", ")))"
        let rows = try await database.query(
            """
            SELECT r.id, r.customer_id, r.submitted_at FROM service_requests r JOIN customers c ON c.id = r.customer_id
            WHERE r.status = 'open'\(filter) ORDER BY r.submitted_at, r.id
            """, stall.services.map { .text($0) })
        var triggered = 0
        for row in rows {
            guard let id = row.text("id"), let customer = row.text("customer_id"), let submitted = Self.date(row.int64("submitted_at")) else { continue }
            let deadline = Int(calendar.workingDay(stall.workingDays, after: LocalCalendar.day(of: submitted, in: zone)))
            let key = "service_request_stalled:" + id
            guard day > deadline, deadline + 1 >= createdDay, !handled.contains(key) else { continue }
            _ = try await trigger(
                programme, event: ProgrammeTriggerEvent(key: key, customer: customer, at: now), organisationZone: zone, now: now,
                segmentMembers: segmentMembers)
            triggered += 1
        }
        try await recordOccurrence(programme.code, occurrence, customers: triggered, now: now)
        return triggered
    }

    /// One day's evaluation of an `overdue_repeat` purchase pattern (``PurchaseLapse``) on `day` (the organisation's
    /// day): each customer (not merged into another) whose purchase occasions up to that day make a lapse triggers the
    /// programme with the key `purchase_lapse:CUSTOMER:LASTDAY` — once per lapse: the same lapse on the next days finds
    /// its key handled, and the customer's next purchase starts another. Returns the customers who fired, or nil when the
    /// day had already been evaluated.
    @discardableResult
    public func evaluateLapses(
        _ programme: Programme, day: Int, segmentMembers: [String: Set<String>] = [:], organisationZone zone: TimeZone, now: Date = Date()
    ) async throws -> Int? {
        guard let pattern = programme.purchasePattern, pattern.pattern == .overdueRepeat else {
            throw OtklikError(.invalidInput, "programme '\(programme.code)' has no overdue_repeat purchase pattern", field: "trigger")
        }
        let occurrence = "day:" + CivilDate.iso(day)
        if try await hasRun(programme: programme.code, occurrence: occurrence) { return nil }
        let customers = Set(try await roundCandidates())
        let handled = try await handledKeys(programme.code, prefix: "purchase_lapse:")
        var days: [String: [Int]] = [:]
        try await SQLTransactionRepository(database: database).forEachChunk(size: 50_000) { chunk in
            for transaction in chunk where transaction.amount > 0 {
                days[transaction.customer, default: []].append(Int(LocalCalendar.day(of: transaction.ts, in: zone)))
            }
        }
        var fired = 0
        for (customer, purchaseDays) in days.sorted(by: { $0.key < $1.key }) where customers.contains(customer) {
            guard let lapse = PurchaseLapse.lapse(purchaseDays: purchaseDays, today: day, factor: pattern.factor) else { continue }
            let key = "purchase_lapse:\(customer):\(CivilDate.iso(lapse.lastDay))"
            if handled.contains(key) { continue }
            _ = try await trigger(
                programme, event: ProgrammeTriggerEvent(key: key, customer: customer, at: now), organisationZone: zone, now: now,
                segmentMembers: segmentMembers)
            fired += 1
        }
        try await recordOccurrence(programme.code, occurrence, customers: fired, now: now)
        return fired
    }
}
