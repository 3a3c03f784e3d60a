/// `/journeys/{code}`: the journey's facts, the map (SVG and its table), the stages' figures with n and intervals, the
/// gaps ranked and the discovered paths beside the designed order.
struct JourneyPage: Sendable {
    /// A figure as the page shows it: the value (or "—" below the minimum n), its interval and n.
    struct Figure: Sendable {
        var value: String
        var ci: String
        var n: Int
        /// False for a figure the stage does not have (the last stage's drop-off).
        var hasN = true
    }

    struct Stage: Sendable {
        var number: Int
        var code: String
        var name: String
        var expectation: String
        var volume: Int
        var customers: Int
        var satisfaction: Figure
        var effort: Figure
        var dropOff: Figure
        var hoursToNext: Figure
        var censored: Int
    }

    struct MapRow: Sendable {
        var label: String
        var cells: [String]
    }

    struct Gap: Sendable {
        var rank: Int
        var stage: String
        var gap: String
        var ci: String
        var n: Int
    }

    struct Edge: Sendable {
        var from: String
        var to: String
        var count: Int
        var customers: Int
        var backward: Bool
    }

    struct Path: Sendable {
        var stages: String
        var customers: Int
        var share: String
    }

    var code: String
    var name: String
    var owner: String
    var northStar: String
    var target: String
    var status: String
    var from: String
    var to: String
    var period: String
    var windowDays: Int
    var minimumN: Int
    var mapSVG: String
    var stageNames: [String]
    var mapRows: [MapRow]
    var stages: [Stage]
    var gaps: [Gap]
    var hasGaps: Bool
    var gapReference: String
    var designed: String
    var pathsSVG: String
    var customers: Int
    var customersWithTwoOrMore: Int
    var edges: [Edge]
    var hasEdges: Bool
    var paths: [Path]
    var error: String?
    /// "The period ends at the last data, …" when the default period ends before today.
    var dataEnd: String? = nil
}
