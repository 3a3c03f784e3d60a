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

    static func read(_ common: CommonOptions, timezone: String?) async throws -> [Purchase] {
        var purchases: [Purchase] = []
        try await withDatabase(common) { database in
            let zoneName: String
            if let timezone { zoneName = timezone } else { zoneName = try await database.reference.organisation().timezone }
            guard let zone = TimeZone(identifier: zoneName) else { throw CommandFailure("--timezone: unknown time zone '\(zoneName)'") }
            try await database.transactions.forEachChunk(size: 50_000) { chunk in
                purchases += chunk.map { purchase($0, zone: zone) }
            }
        }
        return purchases
    }
}
