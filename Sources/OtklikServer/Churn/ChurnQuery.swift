import Foundation
import OtklikApplication
import OtklikCore
import OtklikMetrics

/// The churn model asked for by `as_of`, `horizon_days` and `active_days` (as `otklik analyze churn` takes
/// `--as-of`, `--horizon-days` and `--active-days`), shared by the API and the `/customers/at-risk` page; each left out
/// takes the server's (today, 90, 90). A bad value is refused naming its parameter.
struct ChurnQuery: Sendable, Equatable {
    var asOf: Int?
    var horizonDays: Int?
    var activeDays: Int?

    static let days = 1...3650

    /// `today`: the organisation's today as days since 1970 (a later as-of date has nothing to learn from).
    init(query: [String: String], today: Int) throws(OtklikError) {
        func value(_ name: String) -> String? { query[name].flatMap { $0.isEmpty ? nil : $0 } }
        if let text = value("as_of") {
            guard let day = CivilDate.parseISO(text) else { throw .invalid("as_of", "as_of is a date YYYY-MM-DD") }
            guard day <= today else { throw .invalid("as_of", "as_of is at most today, \(CivilDate.iso(today)): the model learns only from what has happened") }
            asOf = day
        }
        for (name, path) in [("horizon_days", \ChurnQuery.horizonDays), ("active_days", \ChurnQuery.activeDays)] {
            guard let text = value(name) else { continue }
            guard let number = Int(text), Self.days.contains(number) else { throw .invalid(name, "\(name) is a whole number of days, 1 to 3650") }
            self[keyPath: path] = number
        }
    }

    init() {}

    var isDefault: Bool { self == ChurnQuery() }

    func fitted(_ cache: ChurnModelCache, lang: String) async throws -> ChurnModelCache.Fitted {
        try await cache.model(asOf: asOf, horizonDays: horizonDays, activeDays: activeDays, lang: lang)
    }
}
