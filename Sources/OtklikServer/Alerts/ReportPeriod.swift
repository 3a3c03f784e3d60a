import Foundation
import OtklikCore

/// The `from`/`to` of a report's query: ISO times or dates; `from` inclusive, `to` exclusive, a date-only `to`
/// including its whole day (UTC). Missing ends default to the last `defaultDays` days up to `now`.
struct ReportPeriod: Sendable, Equatable {
    var from: Date
    var to: Date

    static func parse(from fromText: String?, to toText: String?, defaultDays: Int, now: Date) throws(OtklikError) -> ReportPeriod {
        var to = now
        if let toText, !toText.isEmpty {
            guard let parsed = Timestamp.parse(toText) else { throw .invalid("to", "to is a date (2026-11-30) or an ISO time") }
            to = toText.count == 10 ? parsed.addingTimeInterval(86_400) : parsed
        }
        var from = to.addingTimeInterval(-Double(defaultDays) * 86_400)
        if let fromText, !fromText.isEmpty {
            guard let parsed = Timestamp.parse(fromText) else { throw .invalid("from", "from is a date (2026-11-01) or an ISO time") }
            from = parsed
        }
        guard from < to else { throw .invalid("from", "from must come before to") }
        guard to.timeIntervalSince(from) <= 3_700 * 86_400 else { throw .invalid("from", "a period is at most ten years") }
        return ReportPeriod(from: from, to: to)
    }

    /// `2026-11-01` of `from` and the last day included of `to`, for forms and file names.
    var dayStrings: (from: String, to: String) {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return (formatter.string(from: from), formatter.string(from: to.addingTimeInterval(-1)))
    }
}
