import Foundation

/// The period a stratum's quota counts over: a calendar day, an ISO week (from Monday) or a calendar month, in the
/// plan's time zone. When an interaction falls in a later period than the stratum's fill, the fill starts again at 0.
public enum QuotaPeriod: String, Sendable, Codable, CaseIterable {
    case day
    case week
    case month

    /// The start of the period containing `date`.
    public func start(of date: Date, timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        let component: Calendar.Component = switch self {
        case .day: .day
        case .week: .weekOfYear
        case .month: .month
        }
        return calendar.dateInterval(of: component, for: date)?.start ?? calendar.startOfDay(for: date)
    }
}
