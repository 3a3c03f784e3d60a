import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore

/// Churn risk from the store as of a day (issue 18 item 6): reads the three dates' features with
/// ``SQLChurnFeatureSource`` and runs ``ChurnAnalysis``. A day's features count everything before the end of that day in
/// the organisation's time zone; a customer churned after day X when they made no purchase in the horizon's days after
/// it. This is the plain function other features call for "churn probabilities as of a date".
public enum ChurnScoring {
    public struct Settings: Sendable, Hashable {
        /// Days since 1970-01-01 (``CivilDate``).
        public var asOf: Int
        public var horizonDays: Int
        public var activeDays: Int
        public var lang: String

        public init(asOf: Int, horizonDays: Int = 90, activeDays: Int = 90, lang: String = "en") {
            self.asOf = asOf
            self.horizonDays = horizonDays
            self.activeDays = activeDays
            self.lang = lang
        }
    }

    /// The validated model and every active customer's probability with reasons, highest first.
    public static func analyze(_ database: AppDatabase, _ settings: Settings) async throws -> ChurnResult {
        try await fit(database, settings).result(lang: settings.lang)
    }

    /// The validated model with the customers active at the as-of date, to be worded in either language.
    public static func fit(_ database: AppDatabase, _ settings: Settings) async throws -> ChurnAnalysis.Fitted {
        guard (1...3650).contains(settings.horizonDays) else { throw OtklikError.invalid("horizon_days", "horizon must be 1 to 3650 days") }
        guard (1...3650).contains(settings.activeDays) else { throw OtklikError.invalid("active_days", "active days must be 1 to 3650") }
        let zone = try await timeZone(database)
        let source = SQLChurnFeatureSource(database: database.sql)
        let h = settings.horizonDays
        func end(ofDay day: Int) -> Date { startOfDay(day + 1, zone) }
        let trainAt = end(ofDay: settings.asOf - 2 * h), validationAt = end(ofDay: settings.asOf - h), now = end(ofDay: settings.asOf)
        let train = try await source.features(at: trainAt, activeDays: settings.activeDays)
        let trainStayed = try await source.purchasers(from: trainAt, to: validationAt)
        let validation = try await source.features(at: validationAt, activeDays: settings.activeDays)
        let validationStayed = try await source.purchasers(from: validationAt, to: now)
        let current = try await source.features(at: now, activeDays: settings.activeDays)
        func population(_ features: [ChurnFeatures], stayed: Set<String>) -> ChurnAnalysis.Population {
            .init(features: features, churned: Set(features.map(\.customer).filter { !stayed.contains($0) }))
        }
        do {
            return try ChurnAnalysis.fit(
                window: ChurnWindow(asOf: settings.asOf, horizonDays: h, activeDays: settings.activeDays),
                training: population(train, stayed: trainStayed), validation: population(validation, stayed: validationStayed),
                current: current)
        } catch {
            throw ChurnUnavailable(
                reason: error.description, window: ChurnWindow(asOf: settings.asOf, horizonDays: h, activeDays: settings.activeDays), cause: error)
        }
    }

    /// Each active customer's churn probability as of a day: what a proactive programme compares with its threshold.
    public static func probabilities(_ database: AppDatabase, asOf: Int, horizonDays: Int = 90, activeDays: Int = 90) async throws -> [String: Double] {
        let result = try await analyze(database, Settings(asOf: asOf, horizonDays: horizonDays, activeDays: activeDays))
        return Dictionary(uniqueKeysWithValues: result.customers.map { ($0.customer, $0.churnProbability) })
    }

    /// Today in the organisation's time zone, in days since 1970-01-01.
    public static func today(_ database: AppDatabase, now: Date = Date()) async throws -> Int {
        let zone = try await timeZone(database)
        let seconds = now.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: now))
        return Int((seconds / 86_400).rounded(.down))
    }

    static func timeZone(_ database: AppDatabase) async throws -> TimeZone {
        let name = try await database.reference.organisation().timezone
        return TimeZone(identifier: name) ?? TimeZone(identifier: "UTC")!
    }

    /// The first moment of a civil day in a time zone.
    static func startOfDay(_ day: Int, _ zone: TimeZone) -> Date {
        let parts = CivilDate.iso(day).split(separator: "-").compactMap { Int($0) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) ?? Date(timeIntervalSince1970: Double(day) * 86_400)
    }
}

/// The churn model could not be fitted for these dates (e.g. nobody churned, or no active customers).
public struct ChurnUnavailable: Error, CustomStringConvertible {
    public var reason: String
    public var window: ChurnWindow
    /// The fit's own error, for a page to word in its language; nil for another cause.
    public var cause: ChurnModelError?
    public var description: String {
        "no churn model as of \(window.asOf): \(reason) (fit on features at \(window.trainFeaturesAt), validated on \(window.validationFeaturesAt))"
    }
}
