import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore

/// The journeys and their measured stages: reads the events bound to a journey over [from, to + window) and computes
/// the figures (``JourneyAnalysis``).
struct JourneyBoard: Sendable {
    static let defaultDays = 90
    let repository: any JourneyRepository
    let minimumN: Int

    func journey(_ code: String) async throws -> Journey {
        guard let journey = try await repository.journey(code: code) else { throw OtklikError(.notFound, "no journey '\(code)'", field: "code") }
        return journey
    }

    func analysis(of journey: Journey, from: Date, to: Date, asOf: Date) async throws -> JourneyAnalysis {
        let window = TimeInterval(JourneyAnalysis.defaultWindowDays) * 86_400
        let events = try await repository.events(of: journey, from: from, to: min(to.addingTimeInterval(window), max(asOf, to)))
        return JourneyAnalysis.compute(
            stageCount: journey.stages.count, events: events, from: from, to: to, asOf: asOf, minimumN: minimumN,
            satisfactionTarget: journey.satisfactionTarget)
    }

    /// The period from `from`/`to` (dates in the organisation's time zone or ISO-8601 times): by default the
    /// 90 whole days ending with `as_of`'s day (today), so the figures do not move from one second to the next as
    /// the oldest events leave a window that slides with the clock, and the page and the API read the same events.
    static func period(from: String?, to: String?, asOf: String?, timeZone: TimeZone, now: Date) throws(OtklikError) -> (from: Date, to: Date, asOf: Date) {
        func parse(_ text: String?, _ field: String) throws(OtklikError) -> Date? {
            guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            guard let date = Timestamp.parse(text, dateOnlyZone: timeZone) else { throw .invalid(field, "\(field) must be a date YYYY-MM-DD or an ISO-8601 time") }
            return date
        }
        /// The local midnight that starts `day` (a day of 23 or 25 hours included).
        func midnight(_ day: Int32) -> Date? { Timestamp.parse(LocalCalendar.label(day: day), dateOnlyZone: timeZone) }
        let asOfDate = try parse(asOf, "as_of") ?? now
        let end: Date
        let defaultStart: Date
        if let time = try parse(to, "to"), to?.count != 10 {
            // An ISO-8601 `to`: exactly 90 days before it by default.
            end = time
            defaultStart = time.addingTimeInterval(-Double(defaultDays) * 86_400)
        } else {
            // No `to`, or a date: whole local days up to the end of that day (as_of's day by default).
            let lastDay = LocalCalendar.day(of: try parse(to, "to") ?? asOfDate, in: timeZone)
            end = midnight(lastDay + 1) ?? asOfDate
            defaultStart = midnight(lastDay - Int32(defaultDays) + 1) ?? end.addingTimeInterval(-Double(defaultDays) * 86_400)
        }
        let start = try parse(from, "from") ?? defaultStart
        guard start < end else { throw .invalid("from", "from must be before to") }
        guard end.timeIntervalSince(start) <= 3 * 366 * 86_400 else { throw .invalid("from", "a period is at most three years") }
        return (start, end, asOfDate)
    }
}
