import Foundation
import OtklikCore
import OtklikMetrics

/// `GET /api/v1/journeys/{code}/stages`: the period, the definitions, every stage's figures with n and 95 % intervals,
/// the gaps ranked and the discovered paths.
struct JourneyFiguresJSON: Encodable {
    struct Figure: Encodable {
        var n: Int
        var count: Int?
        var value: Double?
        var ciLow: Double?
        var ciHigh: Double?
        enum CodingKeys: String, CodingKey { case n, count, value, ciLow = "ci_low", ciHigh = "ci_high" }

        init(_ share: JourneyStageFigures.Share) {
            (n, count, value, ciLow, ciHigh) = (share.n, share.count, share.value, share.interval?.low, share.interval?.high)
        }

        init(_ mean: JourneyStageFigures.Mean) {
            (n, value, ciLow, ciHigh) = (mean.n, mean.value, mean.interval?.low, mean.interval?.high)
        }
    }

    struct Stage: Encodable {
        var code: String
        var nameRu: String
        var nameEn: String
        var volume: Int
        var customers: Int
        var satisfaction: Figure
        var effort: Figure
        var dropOff: Figure?
        var censored: Int
        var hoursToNext: Figure?
        enum CodingKeys: String, CodingKey {
            case code, nameRu = "name_ru", nameEn = "name_en", volume, customers, satisfaction, effort, dropOff = "drop_off", censored
            case hoursToNext = "hours_to_next"
        }
    }

    struct Gap: Encodable {
        var stage: String
        var reference: String
        var referenceValue: Double
        var gap: Double
        var ciLow: Double?
        var ciHigh: Double?
        var n: Int
        enum CodingKeys: String, CodingKey {
            case stage, reference, referenceValue = "reference_value", gap, ciLow = "ci_low", ciHigh = "ci_high", n
        }
    }

    struct Edge: Encodable {
        var from: String
        var to: String
        var count: Int
        var customers: Int
    }

    struct Path: Encodable {
        var stages: [String]
        var customers: Int
        var share: Double
    }

    struct Paths: Encodable {
        var customers: Int
        var customersWithTwoOrMore: Int
        var designed: [String]
        var edges: [Edge]
        var top: [Path]
        enum CodingKeys: String, CodingKey { case customers, customersWithTwoOrMore = "customers_with_two_or_more", designed, edges, top }
    }

    static let definitions: [String: String] = [
        "volume": "events bound to the stage with a time in [from, to)",
        "satisfaction": "per cent of the stage's feedback with a CSAT answer that scored 4-5; Wilson 95 % interval",
        "effort": "mean CES 2.0 (1-7, high = easy) of the stage's feedback with a CES answer; Student's t 95 % interval",
        "drop_off": "per cent of the known customers with an event of the stage in the period (entering at their first) with no event of any later stage within the window after it; customers whose window had not ended at as_of are censored; Wilson 95 % interval",
        "hours_to_next": "hours from entering the stage to the first event of any later stage, among the customers who went on within the window; median with the order-statistics (Conover) 95 % interval",
        "gap": "reference satisfaction minus the stage's, percentage points: from satisfaction_target (interval: target minus the Wilson bounds) or from the best stage (Newcombe's hybrid score interval); ranked largest first",
        "paths": "each known customer's stage events of the period in time order, repeats of a stage in a row merged; edges count direct successions",
    ]

    var journey: String
    var from: Date
    var to: Date
    var asOf: Date
    var windowDays: Int
    var minimumN: Int
    var definitions = Self.definitions
    var stages: [Stage]
    var gaps: [Gap]
    var paths: Paths

    enum CodingKeys: String, CodingKey {
        case journey, from, to, asOf = "as_of", windowDays = "window_days", minimumN = "minimum_n", definitions, stages, gaps, paths
    }

    init(_ journey: Journey, _ analysis: JourneyAnalysis) {
        let codes = journey.stages.map(\.code)
        self.journey = journey.code
        from = analysis.from
        to = analysis.to
        asOf = analysis.asOf
        windowDays = analysis.windowDays
        minimumN = analysis.minimumN
        stages = zip(journey.stages, analysis.stages).map { stage, figures in
            Stage(
                code: stage.code, nameRu: stage.nameRu, nameEn: stage.nameEn, volume: figures.volume, customers: figures.customers,
                satisfaction: Figure(figures.satisfaction), effort: Figure(figures.effort), dropOff: figures.dropOff.map(Figure.init),
                censored: figures.censored, hoursToNext: figures.hoursToNext.map(Figure.init))
        }
        gaps = analysis.gaps.map { gap in
            Gap(
                stage: codes[gap.stage], reference: gap.reference.rawValue, referenceValue: gap.referenceValue, gap: gap.gap, ciLow: gap.interval?.low,
                ciHigh: gap.interval?.high, n: gap.n)
        }
        paths = Paths(
            customers: analysis.paths.customers, customersWithTwoOrMore: analysis.paths.customersWithTwoOrMore, designed: codes,
            edges: analysis.paths.edges.map { Edge(from: codes[$0.from], to: codes[$0.to], count: $0.count, customers: $0.customers) },
            top: analysis.paths.top.map { Path(stages: $0.stages.map { codes[$0] }, customers: $0.customers, share: $0.share) })
    }
}
