import Foundation
import OtklikMetrics

/// The personas a server holds: the automatic choice of k (its bootstrap stability runs many k-means fits) is computed
/// once per clock hour and language, on the first request that needs it.
actor PersonaCache {
    private var entries: [String: (hour: Int64, result: PersonaAnalysis.Result)] = [:]

    func result(lang: String, now: Date, compute: @Sendable () async throws -> PersonaAnalysis.Result) async throws -> PersonaAnalysis.Result {
        let hour = Int64((now.timeIntervalSince1970 / 3600).rounded(.down))
        if let entry = entries[lang], entry.hour == hour { return entry.result }
        let result = try await compute()
        entries[lang] = (hour, result)
        return result
    }
}
