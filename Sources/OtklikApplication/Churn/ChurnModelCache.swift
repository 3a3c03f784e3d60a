import Foundation
import OtklikMetrics
import OtklikStore

/// The churn model a server holds: fitted once per day (the as-of date is today in the organisation's time zone), on
/// the first request that needs it, its reasons worded in the language asked, and kept until the day changes or ``refit()`` is asked for. A model
/// that could not be fitted is kept too, with its reason, so a page does not refit on every visit.
public actor ChurnModelCache {
    public struct Fitted: Sendable {
        public var result: ChurnResult
        public var fittedAt: Date
        public var asOf: Int
    }

    struct Model: Sendable {
        var fitted: ChurnAnalysis.Fitted
        var fittedAt: Date
    }

    let database: AppDatabase
    public nonisolated let horizonDays: Int
    public nonisolated let activeDays: Int
    let clock: @Sendable () -> Date
    private var entries: [Int: Task<Model, any Error>] = [:]

    public init(database: AppDatabase, horizonDays: Int = 90, activeDays: Int = 90, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.horizonDays = horizonDays
        self.activeDays = activeDays
        self.clock = clock
    }

    /// Today's model in `lang` (ru or en); throws ``ChurnUnavailable`` when it cannot be fitted.
    public func current(lang: String) async throws -> Fitted {
        let day = try await ChurnScoring.today(database, now: clock())
        let model = try await model(day: day)
        return Fitted(result: model.fitted.result(lang: lang == "ru" ? "ru" : "en"), fittedAt: model.fittedAt, asOf: day)
    }

    private func model(day: Int) async throws -> Model {
        if let task = entries[day] { return try await task.value }
        entries = [:]
        let database = database, horizon = horizonDays, active = activeDays, clock = clock
        let task = Task {
            let fitted = try await ChurnScoring.fit(database, .init(asOf: day, horizonDays: horizon, activeDays: active))
            return Model(fitted: fitted, fittedAt: clock())
        }
        entries[day] = task
        do {
            return try await task.value
        } catch let error as ChurnUnavailable {
            throw error
        } catch {
            entries[day] = nil  // a store failure is not kept: the next request tries again
            throw error
        }
    }

    /// Forgets the fitted models: the next request fits again on what the store holds now.
    public func refit() {
        entries = [:]
    }
}
