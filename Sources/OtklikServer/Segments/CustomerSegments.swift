import Foundation
import OtklikApplication
import OtklikCore
import OtklikMetrics
import OtklikStore
import OtklikText

/// Segments and personas evaluated as of now (issue 18 item 7): the store's customer profiles, with the churn model's
/// probability (today's model, ``ChurnModelCache``) and the CLV band (this hour's fit, ``CustomerValueModel``) added only
/// when a segment's rules need them; each segment's members and its NPS, CSAT and CES (hidden under the minimum size).
public struct CustomerSegments: Sendable {
    public struct Evaluated: Sendable {
        public var segment: Segment
        public var members: [CustomerProfile]
        public var figures: FeedbackFigures
    }

    let database: AppDatabase
    let churn: ChurnModelCache
    let values: CustomerValueModel
    public let minimumSize: Int

    public init(database: AppDatabase, churn: ChurnModelCache, values: CustomerValueModel, minimumSize: Int = FeedbackFigures.minimumSize) {
        self.database = database
        self.churn = churn
        self.values = values
        self.minimumSize = minimumSize
    }

    /// The profiles with the scores `segments` need; a score that cannot be computed (too little data) stays unset,
    /// so rules on it match nobody.
    func profiles(for segments: [Segment], now: Date) async throws -> [CustomerProfile] {
        var profiles = try await database.segments.profiles(asOf: now)
        if segments.contains(where: \.needsChurn) {
            if let fitted = try? await churn.current(lang: "en") {
                let scores = Dictionary(fitted.result.customers.map { ($0.customer, $0.churnProbability) }, uniquingKeysWith: { a, _ in a })
                for index in profiles.indices { profiles[index].churnProbability = scores[profiles[index].customer] }
            }
        }
        if segments.contains(where: { $0.rules.contains { $0.attribute == .clvBand } }) {
            let fit = try await values.fit(now: now)
            if fit.notEnoughData == nil {
                let bands = CustomerProfile.bands(fit.values.mapValues(\.clv))
                for index in profiles.indices { profiles[index].clvBand = bands[profiles[index].customer] }
            }
        }
        return profiles
    }

    /// Every stored segment, evaluated.
    public func evaluateAll(now: Date = Date()) async throws -> [Evaluated] {
        let segments = try await database.segments.segments().map(\.segment)
        let profiles = try await profiles(for: segments, now: now)
        return segments.map { evaluate($0, profiles) }
    }

    public func evaluate(code: String, now: Date = Date()) async throws -> Evaluated {
        guard let stored = try await database.segments.segment(code: code) else { throw OtklikError(.notFound, "no segment '\(code)'", field: "code") }
        return evaluate(stored.segment, try await profiles(for: [stored.segment], now: now))
    }

    func evaluate(_ segment: Segment, _ profiles: [CustomerProfile]) -> Evaluated {
        let members = profiles.filter(segment.matches)
        return Evaluated(segment: segment, members: members, figures: FeedbackFigures.compute(members, minimumSize: minimumSize))
    }

    /// Personas of the customers who bought (``PersonaAnalysis``), their cards worded in `lang`.
    public func personas(choice: PersonaAnalysis.Choice, lang: String, now: Date = Date()) async throws -> PersonaAnalysis.Result {
        let profiles = try await database.segments.profiles(asOf: now)
        // The standard themes' names, then the organisation's own themes (stored) over them.
        var names = Dictionary(ThemeTaxonomy.standard.themes.map { ($0.id, lang == "ru" ? $0.nameRu : $0.nameEn) }, uniquingKeysWith: { a, _ in a })
        names.merge(try await database.segments.themeNames(lang: lang)) { _, stored in stored }
        return try PersonaAnalysis.analyse(
            profiles, themes: try await database.segments.commentThemes(asOf: now), themeNames: names,
            choice: choice, lang: lang, minimumSize: minimumSize)
    }
}
