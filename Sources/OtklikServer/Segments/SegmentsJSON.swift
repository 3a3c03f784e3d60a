import Foundation
import OtklikCore
import OtklikMetrics

/// The JSON of `/api/v1/segments` and `otklik segments` (a public interface: documented in docs/api.md and openapi.yaml).
public struct FiguresJSON: Encodable, Sendable {
    struct Figure: Encodable, Sendable {
        let value: Double
        let low: Double?
        let high: Double?
        let n: Int
        let definition: String
    }

    let customers: Int
    let shown: Bool
    let minimumSize: Int
    let message: String?
    let nps: Figure?
    let csat: Figure?
    let ces: Figure?

    enum CodingKeys: String, CodingKey {
        case customers, shown, minimumSize = "minimum_size", message, nps, csat, ces
    }

    static let definitions = (
        nps: "% promoters (9-10) − % detractors (0-6) of the NPS answers of these customers' feedback; adjusted-Wald 95 % interval",
        csat: "% of CSAT answers of 4-5 (top-2-box); Wilson 95 % interval",
        ces: "mean CES answer (1-7); Student's t 95 % interval"
    )

    public init(_ figures: FeedbackFigures) {
        customers = figures.customers
        shown = figures.shown
        minimumSize = figures.minimumSize
        message = figures.shown ? nil : "too few customers to show figures: \(figures.customers) < \(figures.minimumSize)"
        func figure(_ f: FeedbackFigures.Figure?, _ definition: String) -> Figure? {
            f.map { Figure(value: Self.round($0.value), low: $0.low.map(Self.round), high: $0.high.map(Self.round), n: $0.n, definition: definition) }
        }
        nps = figure(figures.nps, Self.definitions.nps)
        csat = figure(figures.csat, Self.definitions.csat)
        ces = figure(figures.ces, Self.definitions.ces)
    }

    static func round(_ x: Double) -> Double { (x * 100).rounded() / 100 }
}

public struct SegmentRuleJSON: Encodable, Sendable {
    let rule: SegmentRule

    enum CodingKeys: String, CodingKey { case attribute, op, value }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rule.attribute.rawValue, forKey: .attribute)
        try container.encode(rule.op.rawValue, forKey: .op)
        switch rule.value {
        case .number(let x): try container.encode(x, forKey: .value)
        case .text(let text): try container.encode(text, forKey: .value)
        case .numbers(let list): try container.encode(list, forKey: .value)
        case .texts(let list): try container.encode(list, forKey: .value)
        }
    }
}

public struct SegmentJSON: Encodable, Sendable {
    let code: String
    let nameRu: String
    let nameEn: String
    let rules: [SegmentRuleJSON]
    let customers: Int
    let figures: FiguresJSON

    enum CodingKeys: String, CodingKey {
        case code, nameRu = "name_ru", nameEn = "name_en", rules, customers, figures
    }

    public init(_ evaluated: CustomerSegments.Evaluated) {
        code = evaluated.segment.code
        nameRu = evaluated.segment.nameRu
        nameEn = evaluated.segment.nameEn
        rules = evaluated.segment.rules.map(SegmentRuleJSON.init)
        customers = evaluated.members.count
        figures = FiguresJSON(evaluated.figures)
    }
}

public struct SegmentListJSON: Encodable, Sendable {
    let asOf: Date
    let minimumSize: Int
    let segments: [SegmentJSON]

    public init(asOf: Date, minimumSize: Int, segments: [SegmentJSON]) {
        self.asOf = asOf
        self.minimumSize = minimumSize
        self.segments = segments
    }

    enum CodingKeys: String, CodingKey { case asOf = "as_of", minimumSize = "minimum_size", segments }
}

public struct SegmentMemberJSON: Encodable, Sendable {
    let customer: String
    let purchases: Int
    let monetary: Double
    let recencyDays: Int?
    let complaints: Int
    let npsGroup: String?
    let churnProbability: Double?
    let clvBand: String?

    enum CodingKeys: String, CodingKey {
        case customer, purchases, monetary, recencyDays = "recency_days", complaints, npsGroup = "nps_group",
            churnProbability = "churn_probability", clvBand = "clv_band"
    }

    public init(_ p: CustomerProfile) {
        customer = p.customer
        purchases = p.purchases
        monetary = FiguresJSON.round(p.monetary)
        recencyDays = p.recencyDays.map { Int($0.rounded(.down)) }
        complaints = p.complaints
        npsGroup = p.npsGroup
        churnProbability = p.churnProbability.map { ($0 * 1000).rounded() / 1000 }
        clvBand = p.clvBand
    }
}

public struct SegmentDetailJSON: Encodable, Sendable {
    let segment: SegmentJSON
    let offset: Int
    let limit: Int
    let members: [SegmentMemberJSON]

    public init(segment: SegmentJSON, offset: Int, limit: Int, members: [SegmentMemberJSON]) {
        self.segment = segment
        self.offset = offset
        self.limit = limit
        self.members = members
    }
}

public struct PersonasJSON: Encodable, Sendable {
    struct Stability: Encodable, Sendable {
        let k: Int
        let meanARI: Double
        enum CodingKeys: String, CodingKey { case k, meanARI = "mean_ari" }
    }

    struct Theme: Encodable, Sendable {
        let code: String
        let name: String
        let comments: Int
    }

    struct Persona: Encodable, Sendable {
        let number: Int
        let size: Int
        let share: Double
        let words: [String]
        let means: [String: Double]
        let themes: [Theme]
        let figures: FiguresJSON
    }

    let customers: Int
    let k: Int
    let chosenBy: String
    let attributes: [String]
    let stability: [Stability]
    let personas: [Persona]

    enum CodingKeys: String, CodingKey { case customers, k, chosenBy = "chosen_by", attributes, stability, personas }

    public init(_ result: PersonaAnalysis.Result) {
        customers = result.customers
        k = result.k
        chosenBy = result.chosenBy
        attributes = PersonaAnalysis.attributes
        stability = (result.stability?.candidates ?? []).map { Stability(k: $0.k, meanARI: (1000 * $0.meanARI).rounded() / 1000) }
        personas = result.personas.map { p in
            Persona(
                number: p.number, size: p.size, share: (1000 * p.share).rounded() / 1000, words: p.words, means: p.means.mapValues(FiguresJSON.round),
                themes: p.themes.map { Theme(code: $0.code, name: $0.name, comments: $0.comments) }, figures: FiguresJSON(p.figures))
        }
    }
}
