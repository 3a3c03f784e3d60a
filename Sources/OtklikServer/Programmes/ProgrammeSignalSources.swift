import Foundation
import OtklikApplication
import OtklikCore
import OtklikStore

/// The server's ``ProgrammeSignals``: segment members from ``CustomerSegments`` (kept for ten minutes, so the feed
/// consumer does not evaluate every segment for each stretch of the feed), the churn model's probabilities (today's
/// model, ``ChurnModelCache``) and the BG/NBD model's P(alive) (``CustomerValueModel``). A model that cannot be fitted
/// (too little data) gives no scores, and the day's evaluation waits.
enum ProgrammeSignalSources {
    actor MembersCache {
        var stored: [String: (members: Set<String>, at: Date)] = [:]
        let lifetime: TimeInterval = 600

        func members(_ codes: [String], now: Date, evaluate: @Sendable (String) async throws -> Set<String>?) async throws -> [String: Set<String>] {
            var result: [String: Set<String>] = [:]
            for code in codes {
                if let cached = stored[code], now.timeIntervalSince(cached.at) < lifetime, now >= cached.at {
                    result[code] = cached.members
                } else if let members = try await evaluate(code) {
                    stored[code] = (members, now)
                    result[code] = members
                }
            }
            return result
        }
    }

    static func make(database: AppDatabase) -> ProgrammeSignals {
        let churn = ChurnModelCache(database: database)
        let values = CustomerValueModel(database: database)
        let segments = CustomerSegments(database: database, churn: churn, values: values)
        let cache = MembersCache()
        return ProgrammeSignals(
            segmentMembers: { codes, now in
                try await cache.members(codes, now: now) { code in
                    // A segment deleted since the programme was written has no members.
                    guard try await database.segments.segment(code: code) != nil else { return nil }
                    return Set(try await segments.evaluate(code: code, now: now).members.map(\.customer))
                }
            },
            scores: { score, now in
                switch score {
                case .churnRisk:
                    guard let fitted = try? await churn.current(lang: "en") else { return nil }
                    return Dictionary(fitted.result.customers.map { ($0.customer, $0.churnProbability) }, uniquingKeysWith: { a, _ in a })
                case .pAlive:
                    let fit = try await values.fit(now: now)
                    guard fit.notEnoughData == nil else { return nil }
                    return fit.values.mapValues(\.pAlive)
                }
            })
    }
}
