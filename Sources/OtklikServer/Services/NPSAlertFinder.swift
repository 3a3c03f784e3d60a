import Foundation
import OtklikApplication
import OtklikMetrics

/// The dashboard's alerts: locations whose daily NPS stepped down (``NPSShiftDetector``) within the chosen period —
/// the latest alarm of each, newest first. One scan by location and day over the period and the 28 days before it.
struct NPSAlertFinder {
    let analytics: Analytics
    let detector = NPSShiftDetector()

    struct Alert {
        var location: String
        var day: Int32
        var since: Int32
        var baselineNPS: Double
        var recentNPS: Double
        var recentN: Int
    }

    /// The latest alarm of each location within the period, newest first.
    func find(_ filters: DashboardFilters) async throws -> [Alert] {
        var latest: [String: Alert] = [:]
        for alert in try await alarms(filters) where latest[alert.location].map({ $0.day < alert.day }) ?? true { latest[alert.location] = alert }
        return latest.values.sorted { ($0.day, $0.location) > ($1.day, $1.location) }
    }

    /// Every alarm of every location within the period.
    func alarms(_ filters: DashboardFilters) async throws -> [Alert] {
        var window = filters
        window.fromDay = filters.fromDay - Int32(detector.baselineDays)
        var query = window.query(timeZone: analytics.timeZone, groupBy: [.location, .day])
        query.measures = .nps
        let tallies = try await analytics.tally(query)
        let length = Int(window.toDay - window.fromDay) + 1
        var series: [String: [NPSShiftDetector.Day]] = [:]
        for group in tallies.groups {
            guard group.key.count == 2, !group.key[0].isEmpty, let day = LocalCalendar.day(parsing: group.key[1]) else { continue }
            let index = Int(day - window.fromDay)
            guard (0..<length).contains(index) else { continue }
            series[group.key[0], default: Array(repeating: NPSShiftDetector.Day(promoters: 0, detractors: 0, n: 0), count: length)][index] =
                NPSShiftDetector.Day(promoters: group.tally.promoters, detractors: group.tally.detractors, n: group.tally.npsN)
        }
        return series.flatMap { location, days in
            detector.scan(days).map { alarm in
                Alert(
                    location: location, day: window.fromDay + Int32(alarm.day), since: window.fromDay + Int32(alarm.since),
                    baselineNPS: alarm.baselineNPS, recentNPS: alarm.recentNPS, recentN: alarm.recentN)
            }
        }
    }
}
