import Foundation
import OtklikCore
import OtklikMetrics

/// An initiative as the API reads it: dates as `YYYY-MM-DD` (midnight in the organisation's time zone) or ISO-8601 times.
struct InitiativeInput: Decodable, Sendable {
    var id: String
    var title: String
    var owner: String
    var goalMetric: String
    var locations: [String]
    var services: [String]?
    var budget: Int64?
    var start: String
    var end: String?
    var control: String?
    var problems: [String]?
    var themes: [String]?
    var journeyStages: [String]?

    enum CodingKeys: String, CodingKey {
        case id, title, owner, goalMetric = "goal_metric", locations, services, budget, start, end, control, problems, themes
        case journeyStages = "journey_stages"
    }

    func initiative(timeZone: TimeZone) throws(OtklikError) -> Initiative {
        guard let startDate = Timestamp.parse(start, dateOnlyZone: timeZone) else { throw .invalid("start", "start must be a date YYYY-MM-DD or an ISO-8601 time") }
        var endDate: Date?
        if let end, !end.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let parsed = Timestamp.parse(end, dateOnlyZone: timeZone) else { throw .invalid("end", "end must be a date YYYY-MM-DD or an ISO-8601 time") }
            endDate = parsed
        }
        var chosen = Initiative.Control.region
        if let control, !control.isEmpty {
            guard let parsed = Initiative.Control(rawValue: control) else { throw .invalid("control", "control must be region or all") }
            chosen = parsed
        }
        let initiative = Initiative(
            id: id, title: title, owner: owner, goalMetric: goalMetric, locations: locations, services: services ?? [], budget: budget ?? 0,
            start: startDate, end: endDate, control: chosen, problems: problems ?? [], themes: themes ?? [], journeyStages: journeyStages ?? [])
        try initiative.validate()
        return initiative
    }
}

/// An initiative as the API returns it, with its measured effect.
struct InitiativeOutput: Encodable {
    var id: String
    var title: String
    var owner: String
    var goalMetric: String
    var locations: [String]
    var services: [String]
    var budget: Int64
    var start: Date
    var end: Date?
    var control: String
    var problems: [String]
    var themes: [String]
    var journeyStages: [String]
    var effect: EffectJSON

    enum CodingKeys: String, CodingKey {
        case id, title, owner, goalMetric = "goal_metric", locations, services, budget, start, end, control, problems, themes, effect
        case journeyStages = "journey_stages"
    }

    init(_ initiative: Initiative, effect: InitiativeEffect) {
        id = initiative.id
        title = initiative.title
        owner = initiative.owner
        goalMetric = initiative.goalMetric
        locations = initiative.locations
        services = initiative.services
        budget = initiative.budget
        start = initiative.start
        end = initiative.end
        control = initiative.control.rawValue
        problems = initiative.problems
        themes = initiative.themes
        journeyStages = initiative.journeyStages
        self.effect = EffectJSON(effect, budget: initiative.budget)
    }
}

/// The effect: the estimator, the two periods, the four cells with their n, the estimate and its 95 % interval.
struct EffectJSON: Encodable {
    struct CellJSON: Encodable {
        var value: Double?
        var n: Int
        var standardError: Double?
        enum CodingKeys: String, CodingKey { case value, n, standardError = "standard_error" }
        init(_ cell: DifferenceInDifferences.Cell) {
            value = cell.value
            n = cell.n
            standardError = cell.variance.map { $0.squareRoot() }
        }
    }

    static let estimator = "difference-in-differences of the goal metric, scope vs control locations, after vs an equally long before-period; 95 % interval by the delta method (sum of the four cells' Wald variances)"

    var status: String
    var estimator = Self.estimator
    var beforeFrom: Date
    var beforeTo: Date
    var afterFrom: Date
    var afterTo: Date
    var controlLocations: [String]
    var cells: [String: CellJSON]?
    var estimate: Double?
    var standardError: Double?
    var ciLow: Double?
    var ciHigh: Double?
    var improvement: Double?
    var perHundredThousand: Double?
    var perHundredThousandLow: Double?
    var perHundredThousandHigh: Double?

    enum CodingKeys: String, CodingKey {
        case status, estimator, beforeFrom = "before_from", beforeTo = "before_to", afterFrom = "after_from", afterTo = "after_to"
        case controlLocations = "control_locations", cells, estimate, standardError = "standard_error", ciLow = "ci_low", ciHigh = "ci_high"
        case improvement, perHundredThousand = "improvement_per_100k", perHundredThousandLow = "improvement_per_100k_low"
        case perHundredThousandHigh = "improvement_per_100k_high"
    }

    init(_ effect: InitiativeEffect, budget: Int64) {
        status = effect.status.rawValue
        beforeFrom = effect.beforeFrom
        beforeTo = effect.beforeTo
        afterFrom = effect.afterFrom
        afterTo = effect.afterTo
        controlLocations = effect.controlLocations
        if let did = effect.did {
            cells = [
                "treated_before": CellJSON(did.treatedBefore), "treated_after": CellJSON(did.treatedAfter),
                "control_before": CellJSON(did.controlBefore), "control_after": CellJSON(did.controlAfter),
            ]
            estimate = did.estimate
            standardError = did.standardError
            ciLow = did.interval?.low
            ciHigh = did.interval?.high
        }
        improvement = effect.improvement
        if let cost = effect.perHundredThousand(budget: budget) {
            perHundredThousand = cost.value
            perHundredThousandLow = cost.interval.low
            perHundredThousandHigh = cost.interval.high
        }
    }
}

/// One line of the portfolio.
struct PortfolioEntryJSON: Encodable {
    var id: String
    var goalMetric: String
    var budget: Int64
    var verdict: String
    var rank: Int?
    var effect: EffectJSON

    enum CodingKeys: String, CodingKey { case id, goalMetric = "goal_metric", budget, verdict, rank, effect }

    init(_ entry: InitiativePortfolio.Entry) {
        id = entry.id
        goalMetric = entry.metric
        budget = entry.budget
        verdict = entry.verdict.rawValue
        rank = entry.rank
        effect = EffectJSON(entry.effect, budget: entry.budget)
    }
}
