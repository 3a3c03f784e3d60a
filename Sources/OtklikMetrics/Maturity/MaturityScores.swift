import OtklikCore

/// The scores of one assessment: per domain (1-7), per pillar and overall, each the mean of its assessed items / 4 ×
/// 100; every item weighs the same (a pillar's score is the mean of its items, not of its domains' scores). The stage
/// is seed 004's, from the overall score; none when no item was assessed.
public struct MaturityScores: Sendable, Equatable, Codable {
    public var domains: [Int: MaturityFigure]
    public var pillars: [MaturityPillar: MaturityFigure]
    public var overall: MaturityFigure
    public var stage: MaturityStage?

    public init(_ assessment: MaturityAssessment) {
        let scores = Dictionary(assessment.items.map { ($0.itemId, $0.score) }, uniquingKeysWith: { first, _ in first })
        func figure(_ items: [MaturityItem]) -> MaturityFigure { MaturityFigure.of(items.map { scores[$0.id] ?? nil }) }
        domains = Dictionary(uniqueKeysWithValues: MaturityCatalogue.domains.map { ($0.number, figure(MaturityCatalogue.items(inDomain: $0.number))) })
        pillars = Dictionary(uniqueKeysWithValues: MaturityPillar.allCases.map { pillar in
            (pillar, figure(MaturityCatalogue.items.filter { $0.pillar == pillar }))
        })
        overall = figure(MaturityCatalogue.items)
        stage = overall.score.map(MaturityStage.of(score:))
    }

    public func domain(_ number: Int) -> MaturityFigure { domains[number] ?? MaturityFigure(score: nil, assessed: 0, items: 0) }
    public func pillar(_ pillar: MaturityPillar) -> MaturityFigure { pillars[pillar] ?? MaturityFigure(score: nil, assessed: 0, items: 0) }
}
