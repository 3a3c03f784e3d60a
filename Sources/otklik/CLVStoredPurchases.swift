import Foundation
import OtklikCore
import OtklikMetrics
import OtklikServer
import OtklikStore

/// The purchases `analyze clv --db` reads: every stored transaction, its day in the organisation's time zone.
enum CLVStoredPurchases {
    static func purchase(_ t: Transaction, zone: TimeZone) -> Purchase {
        let seconds = t.ts.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: t.ts))
        return Purchase(customer: t.customer, day: Int((seconds / 86_400).rounded(.down)), amount: t.amount)
    }

    static func read(url: String, timezone: String?) async throws -> [Purchase] {
        throw CommandFailure("--db is not available yet; pass --input")
    }
}
