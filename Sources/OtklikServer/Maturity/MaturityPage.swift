/// `/assessment`: the CX maturity self-assessment — the overall score and stage, the radar of the seven domains with its
/// table, the pillars, the evidence Otklik holds, every standard grouped by domain, and (for admins and managers) the
/// form that stores a new assessment.
struct MaturityPage: Sendable {
    /// A domain's, pillar's or the overall score as shown: "62.5", "40 of 55 assessed", the previous score and the change.
    struct Figure: Sendable {
        var label: String
        var score: String
        var assessed: String
        var previous: String
        var change: String
    }

    struct Evidence: Sendable {
        var itemId: String
        var title: String
        var definition: String
        var value: String
        var ci: String
        var n: Int
        var weekly: String?
    }

    struct Option: Sendable {
        var value: String
        var label: String
        var selected: Bool
    }

    struct Item: Sendable {
        var id: String
        var text: String
        var score: String
        var previousScore: String
        var note: String?
        var otklikEvidence: String?
        var capability: String
        var options: [Option]
        var noteValue: String
    }

    struct Domain: Sendable {
        var number: Int
        var name: String
        var pillar: String
        var score: String
        var assessed: String
        var items: [Item]
    }

    var hasAssessment: Bool
    var current: String?
    var previous: String?
    var hasPrevious: Bool
    var overall: Figure
    var stage: String?
    var stageHint: String?
    var thresholds: String
    var radarSVG: String?
    var domainRows: [Figure]
    var pillarRows: [Figure]
    var evidence: [Evidence]
    var domains: [Domain]
    var canEdit: Bool
    var scorer: String
    var takenAt: String
    var saved: String?
    var unchanged: String?
    var error: String?
}
