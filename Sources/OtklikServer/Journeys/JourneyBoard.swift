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
    /// last 90 days up to now.
    static func period(from: String?, to: String?, asOf: String?, timeZone: TimeZone, now: Date) throws(OtklikError) -> (from: Date, to: Date, asOf: Date) {
        func parse(_ text: String?, _ field: String) throws(OtklikError) -> Date? {
            guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            guard let date = Timestamp.parse(text, dateOnlyZone: timeZone) else { throw .invalid(field, "\(field) must be a date YYYY-MM-DD or an ISO-8601 time") }
            return date
        }
        let asOfDate = try parse(asOf, "as_of") ?? now
        var end = try parse(to, "to") ?? asOfDate
        // A date-only `to` means the whole day.
        if let to, to.count == 10 { end = end.addingTimeInterval(86_400) }
        let start = try parse(from, "from") ?? end.addingTimeInterval(-Double(defaultDays) * 86_400)
        guard start < end else { throw .invalid("from", "from must be before to") }
        guard end.timeIntervalSince(start) <= 3 * 366 * 86_400 else { throw .invalid("from", "a period is at most three years") }
        return (start, end, asOfDate)
    }
}
