import Foundation
import OtklikCore
import OtklikMetrics

/// The maturity report as `otklik assess report --format json` prints it and the `/assessment` page reads it: the
/// current and previous assessments, the scores per pillar, domain and item, the overall score and seed 004's stage,
/// the change against the previous assessment, and the evidence Otklik holds. A stable shape: fields are only ever
/// added. Scores are 0-100 (mean of the assessed items / 4 × 100); `assessed` counts the items that carry a score.
public struct MaturityReport: Encodable, Sendable {
    public struct Assessment: Codable, Sendable {
        public var id: String
        public var takenAt: String
        public var scorer: String
        enum CodingKeys: String, CodingKey { case id, takenAt = "taken_at", scorer }
    }

    public struct Figure: Codable, Sendable {
        public var score: Double?
        public var assessed: Int
        public var items: Int
        public var previousScore: Double?
        public var change: Double?
        enum CodingKeys: String, CodingKey { case score, assessed, items, previousScore = "previous_score", change }
    }

    public struct Pillar: Codable, Sendable {
        public var pillar: String
        public var nameRu: String
        public var nameEn: String
        public var domains: [Int]
        public var figure: Figure
        enum CodingKeys: String, CodingKey { case pillar, nameRu = "name_ru", nameEn = "name_en", domains, figure }
    }

    public struct Domain: Codable, Sendable {
        public var domain: Int
        public var pillar: String
        public var nameRu: String
        public var nameEn: String
        public var figure: Figure
        enum CodingKeys: String, CodingKey { case domain, pillar, nameRu = "name_ru", nameEn = "name_en", figure }
    }

    public struct Evidence: Codable, Sendable {
        public var itemId: String
        public var kind: String
        public var successes: Int
        public var n: Int
        public var share: Double?
        public var ciLow: Double?
        public var ciHigh: Double?
        public var weeklyUsers: [Int]?
        enum CodingKeys: String, CodingKey {
            case itemId = "item_id", kind, successes, n, share, ciLow = "ci_low", ciHigh = "ci_high", weeklyUsers = "weekly_users"
        }

        init(_ evidence: MaturityEvidence) {
            itemId = evidence.itemId
            kind = evidence.kind.rawValue
            successes = evidence.successes
            n = evidence.n
            share = evidence.share
            ciLow = evidence.interval?.low
            ciHigh = evidence.interval?.high
            weeklyUsers = evidence.weeklyUsers
        }
    }

    public struct Item: Codable, Sendable {
        public var id: String
        public var domain: Int
        public var pillar: String
        public var score: Int?
        public var evidenceNote: String
        public var previousScore: Int?
        public var capabilityRu: String
        public var capabilityEn: String
        public var otklikEvidence: Evidence?
        enum CodingKeys: String, CodingKey {
            case id, domain, pillar, score, evidenceNote = "evidence_note", previousScore = "previous_score", capabilityRu = "capability_ru",
                capabilityEn = "capability_en", otklikEvidence = "otklik_evidence"
        }
    }

    public var current: Assessment?
    public var previous: Assessment?
    public var overall: Figure
    public var stage: String?
    public var stageThresholds: [String: Double]
    public var pillars: [Pillar]
    public var domains: [Domain]
    public var items: [Item]
    public var evidence: [Evidence]

    enum CodingKeys: String, CodingKey {
        case current, previous, overall, stage, stageThresholds = "stage_thresholds", pillars, domains, items, evidence
    }

    public init(current: MaturityAssessment?, previous: MaturityAssessment?, evidence: [MaturityEvidence]) {
        let now = current.map(MaturityScores.init)
        let before = previous.map(MaturityScores.init)
        let change = now.flatMap { now in before.map { MaturityChange(current: now, previous: $0) } }
        func assessment(_ value: MaturityAssessment?) -> Assessment? {
            value.map { Assessment(id: $0.id, takenAt: Timestamp.format($0.takenAt), scorer: $0.scorer) }
        }
        func figure(_ value: MaturityFigure?, _ previous: MaturityFigure?, _ change: Double?, items: Int) -> Figure {
            Figure(score: value?.score, assessed: value?.assessed ?? 0, items: value?.items ?? items, previousScore: previous?.score, change: change)
        }
        self.current = assessment(current)
        self.previous = assessment(previous)
        overall = figure(now?.overall, before?.overall, change?.overall, items: MaturityCatalogue.items.count)
        stage = now?.stage?.rawValue
        stageThresholds = ["shared_vision_from": MaturityStage.sharedVisionFrom, "easy_to_deal_with_from": MaturityStage.easyToDealWithFrom]
        pillars = MaturityPillar.allCases.map { pillar in
            Pillar(
                pillar: pillar.rawValue, nameRu: pillar.nameRu, nameEn: pillar.nameEn, domains: pillar.domains,
                figure: figure(now?.pillar(pillar), before?.pillar(pillar), change?.pillar(pillar),
                               items: MaturityCatalogue.items.filter { $0.pillar == pillar }.count))
        }
        domains = MaturityCatalogue.domains.map { domain in
            Domain(
                domain: domain.number, pillar: domain.pillar.rawValue, nameRu: domain.nameRu, nameEn: domain.nameEn,
                figure: figure(now?.domain(domain.number), before?.domain(domain.number), change?.domain(domain.number),
                               items: MaturityCatalogue.items(inDomain: domain.number).count))
        }
        let held = Dictionary(evidence.map { ($0.itemId, Evidence($0)) }, uniquingKeysWith: { first, _ in first })
        items = MaturityCatalogue.items.map { item in
            let entry = current?.entry(item.id)
            return Item(
                id: item.id, domain: item.domain, pillar: item.pillar.rawValue, score: entry?.score, evidenceNote: entry?.evidence ?? "",
                previousScore: previous?.score(item.id), capabilityRu: MaturityCatalogue.capability(item.id, "ru"),
                capabilityEn: MaturityCatalogue.capability(item.id, "en"), otklikEvidence: held[item.id])
        }
        self.evidence = evidence.map(Evidence.init)
    }

    /// The report as pretty-printed JSON with sorted keys.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
