import Foundation
import OtklikCore
import OtklikMetrics

/// Reads the events a journey's bindings select from the fact tables, one parameterised query per binding, each
/// restricted to [from, to) on the time that places the event (feedback `ts`, interaction `arrived_at`, request
/// `submitted_at` for `open` and `closed_at` for the closing statuses, case `opened_at` or `resolved_at`).
struct JourneyEventSource {
    let database: any SQLDatabase

    static func date(_ ms: Int64?) -> Date { Date(timeIntervalSince1970: Double(ms ?? 0) / 1000) }

    func events(of journey: Journey, from: Date, to: Date) async throws -> [JourneyEvent] {
        let range: [SQLValue] = [.int(SQLJourneyRepository.ms(from)), .int(SQLJourneyRepository.ms(to))]
        var events: [JourneyEvent] = []
        for (stage, definition) in journey.stages.enumerated() {
            for binding in definition.bindings {
                var filters: [String] = []
                var binds = range
                func filter(_ column: String, _ values: [String]) {
                    guard !values.isEmpty else { return }
                    filters.append("\(column) IN (\(SQLMarks.list(values.count)))")
                    binds += values.map { .text($0) }
                }
                switch binding.source {
                case .feedback:
                    filter("channel", binding.channels.map(\.rawValue))
                    filter("service_code", binding.services)
                    let sql = "SELECT id, customer_id, ts, csat, ces FROM feedback WHERE ts >= ? AND ts < ?" + filters.map { " AND \($0)" }.joined()
                    for row in try await database.query(sql, binds) {
                        events.append(JourneyEvent(
                            stage: stage, key: "feedback:\(row.text("id") ?? "")", customer: row.text("customer_id"), at: Self.date(row.int64("ts")),
                            csat: row.int("csat"), ces: row.int("ces")))
                    }
                case .interaction:
                    filter("channel", binding.channels.map(\.rawValue))
                    filter("service_code", binding.services)
                    filter("topic", binding.topics)
                    let sql = "SELECT id, customer_id, arrived_at FROM interactions WHERE arrived_at >= ? AND arrived_at < ?"
                        + filters.map { " AND \($0)" }.joined()
                    for row in try await database.query(sql, binds) {
                        events.append(JourneyEvent(
                            stage: stage, key: "interaction:\(row.text("id") ?? "")", customer: row.text("customer_id"), at: Self.date(row.int64("arrived_at"))))
                    }
                case .request:
                    filter("channel", binding.channels.map(\.rawValue))
                    filter("service_code", binding.services)
                    let extra = filters.map { " AND \($0)" }.joined()
                    let extraBinds = Array(binds.dropFirst(2))
                    if binding.statuses.contains(RequestStatus.open.rawValue) {
                        let sql = "SELECT id, customer_id, submitted_at AS at FROM service_requests WHERE submitted_at >= ? AND submitted_at < ?" + extra
                        for row in try await database.query(sql, range + extraBinds) {
                            events.append(JourneyEvent(
                                stage: stage, key: "request:\(row.text("id") ?? ""):open", customer: row.text("customer_id"), at: Self.date(row.int64("at"))))
                        }
                    }
                    let closing = binding.statuses.filter { $0 != RequestStatus.open.rawValue }
                    if !closing.isEmpty {
                        let marks = SQLMarks.list(closing.count)
                        let sql = "SELECT id, customer_id, closed_at AS at, status FROM service_requests WHERE closed_at >= ? AND closed_at < ? AND status IN (\(marks))"
                            + extra
                        for row in try await database.query(sql, range + closing.map { .text($0) } + extraBinds) {
                            events.append(JourneyEvent(
                                stage: stage, key: "request:\(row.text("id") ?? ""):\(row.text("status") ?? "")", customer: row.text("customer_id"),
                                at: Self.date(row.int64("at"))))
                        }
                    }
                case .feedbackCase:
                    for (event, column) in [("opened", "opened_at"), ("closed", "resolved_at")] where binding.statuses.contains(event) {
                        let sql = """
                            SELECT c.id, f.customer_id, c.\(column) AS at FROM cases c JOIN feedback f ON f.id = c.feedback_id
                            WHERE c.\(column) >= ? AND c.\(column) < ?
                            """
                        for row in try await database.query(sql, range) {
                            events.append(JourneyEvent(
                                stage: stage, key: "case:\(row.text("id") ?? ""):\(event)", customer: row.text("customer_id"), at: Self.date(row.int64("at"))))
                        }
                    }
                }
            }
        }
        return events
    }
}
