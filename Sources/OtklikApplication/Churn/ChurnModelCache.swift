import Foundation
import OtklikMetrics
import OtklikStore

/// The churn model a server holds: fitted once per day (the as-of date is today in the organisation's time zone), on
/// the first request that needs it, its reasons worded in the language asked, and kept until the day changes or ``refit()`` is asked for. A model
/// that could not be fitted is kept too, with its reason, so a page does not refit on every visit. A model for another
/// as-of date, horizon or active window (``model(asOf:horizonDays:activeDays:lang:)``, as `otklik analyze churn` takes
/// them) is fitted on request and kept beside today's, the last few of them.
public actor ChurnModelCache {
    public struct Fitted: Sendable {
        public var result: ChurnResult
        public var fittedAt: Date
        public var asOf: Int
        public var horizonDays: Int
        public var activeDays: Int
    }

    struct Key: Hashable {
        var day: Int
        var horizon: Int
        var active: Int
    }

    /// Models kept besides the default (today's, the server's horizon).
    static let keptOthers = 8

    struct Model: Sendable {
        var fitted: ChurnAnalysis.Fitted
        var fittedAt: Date
    }

    let database: AppDatabase
    public nonisolated let horizonDays: Int
    public nonisolated let activeDays: Int
    let clock: @Sendable () -> Date
    private var entries: [Key: Task<Model, any Error>] = [:]
    private var others: [Key] = []

    public init(database: AppDatabase, horizonDays: Int = 90, activeDays: Int = 90, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.horizonDays = horizonDays
        self.activeDays = activeDays
        self.clock = clock
    }

    /// Today's model in `lang` (ru or en); throws ``ChurnUnavailable`` when it cannot be fitted.
    public func current(lang: String) async throws -> Fitted {
        try await model(asOf: nil, horizonDays: nil, activeDays: nil, lang: lang)
    }

    /// Today in the organisation's time zone, as days since 1970.
    public func today() async throws -> Int {
        try await ChurnScoring.today(database, now: clock())
    }

    /// The model as of the end of `day` (days since 1970; nil: today) with the horizon and active window given (nil: the
    /// server's), reasons in `lang`; throws ``ChurnUnavailable`` when it cannot be fitted.
    public func model(asOf day: Int?, horizonDays: Int?, activeDays: Int?, lang: String) async throws -> Fitted {
        let today = try await ChurnScoring.today(database, now: clock())
        let key = Key(day: day ?? today, horizon: horizonDays ?? self.horizonDays, active: activeDays ?? self.activeDays)
        let model = try await model(key, today: today)
        return Fitted(
            result: model.fitted.result(lang: lang == "ru" ? "ru" : "en"), fittedAt: model.fittedAt, asOf: key.day, horizonDays: key.horizon,
            activeDays: key.active)
    }

    private func model(_ key: Key, today: Int) async throws -> Model {
        if let task = entries[key] { return try await task.value }
        let isDefault = key.horizon == horizonDays && key.active == activeDays && key.day == today
        // Yesterday's models go when the day changes; of the others, the last few asked for are kept.
        for stale in entries.keys where stale.day != today && stale.horizon == horizonDays && stale.active == activeDays && !others.contains(stale) {
            entries[stale] = nil
        }
        if !isDefault {
            others.append(key)
            while others.count > Self.keptOthers { entries[others.removeFirst()] = nil }
        }
        let database = database, clock = clock
        let task = Task {
            let fitted = try await ChurnScoring.fit(database, .init(asOf: key.day, horizonDays: key.horizon, activeDays: key.active))
            return Model(fitted: fitted, fittedAt: clock())
        }
        entries[key] = task
        do {
            return try await task.value
        } catch let error as ChurnUnavailable {
            throw error
        } catch {
            entries[key] = nil  // a store failure is not kept: the next request tries again
            throw error
        }
    }

    /// Forgets the fitted models: the next request fits again on what the store holds now.
    public func refit() {
        entries = [:]
        others = []
    }
}
