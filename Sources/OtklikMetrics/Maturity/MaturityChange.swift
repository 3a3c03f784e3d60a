import OtklikCore

/// The change of each domain's, pillar's and the overall score against the previous assessment, in points of the
/// 0-100 scale (current − previous); nil where either assessment has no score.
public struct MaturityChange: Sendable, Equatable, Codable {
    public var domains: [Int: Double]
    public var pillars: [MaturityPillar: Double]
    public var overall: Double?

    public init(current: MaturityScores, previous: MaturityScores) {
        func delta(_ now: MaturityFigure, _ before: MaturityFigure) -> Double? {
            guard let now = now.score, let before = before.score else { return nil }
            return now - before
        }
        domains = [:]
        for domain in MaturityCatalogue.domains {
            if let value = delta(current.domain(domain.number), previous.domain(domain.number)) { domains[domain.number] = value }
        }
        pillars = [:]
        for pillar in MaturityPillar.allCases {
            if let value = delta(current.pillar(pillar), previous.pillar(pillar)) { pillars[pillar] = value }
        }
        overall = delta(current.overall, previous.overall)
    }

    public func domain(_ number: Int) -> Double? { domains[number] }
    public func pillar(_ pillar: MaturityPillar) -> Double? { pillars[pillar] }
}
