import Foundation

/// A CX initiative (seed 001 4b, 5g, 6i; seed 003's control subsystem): what the organisation does to move one goal
/// metric, where (its scope: locations, optionally services), for how much, from when, and which problems and themes it
/// answers. Its effect is measured against comparable locations outside the scope (``InitiativeEffect``).
public struct Initiative: Sendable, Codable, Equatable {
    /// The locations compared with the scope: outside the scope in the scope's regions, or every other location.
    public enum Control: String, Sendable, Codable, CaseIterable {
        case region
        case all
    }

    /// The goal metrics the analytics engine computes per location and day (``OtklikMetrics/MetricID`` names).
    public static let goalMetrics = ["nps", "csat", "ces", "ces_easy", "button", "negative"]
    public static let maxListLength = 500

    public var id: String
    public var title: String
    /// Who answers for it (a name or a staff code).
    public var owner: String
    public var goalMetric: String
    public var locations: [String]
    /// Empty: every service.
    public var services: [String]
    /// In the organisation's currency, whole units.
    public var budget: Int64
    public var start: Date
    /// Nil while it runs; the effect is measured up to the end (or now).
    public var end: Date?
    public var control: Control
    public var problems: [String]
    public var themes: [String]
    /// Journey stages in the scope, as `journey/stage` (issue 23 item 4). Descriptive: the effect is measured by
    /// location (and service), not narrowed to the feedback bound to these stages.
    public var journeyStages: [String]

    public init(
        id: String, title: String, owner: String, goalMetric: String, locations: [String], services: [String] = [], budget: Int64,
        start: Date, end: Date? = nil, control: Control = .region, problems: [String] = [], themes: [String] = [], journeyStages: [String] = []
    ) {
        self.id = id
        self.title = title
        self.owner = owner
        self.goalMetric = goalMetric
        self.locations = locations
        self.services = services
        self.budget = budget
        self.start = start
        self.end = end
        self.control = control
        self.problems = problems
        self.themes = themes
        self.journeyStages = journeyStages
    }

    /// The same initiative with trimmed text and its lists sorted and without repeats (how it is stored and compared).
    public func normalized() -> Initiative {
        var copy = self
        copy.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        copy.owner = owner.trimmingCharacters(in: .whitespacesAndNewlines)
        copy.goalMetric = goalMetric.trimmingCharacters(in: .whitespaces).lowercased()
        copy.locations = Array(Set(locations)).sorted()
        copy.services = Array(Set(services)).sorted()
        copy.problems = Array(Set(problems)).sorted()
        copy.themes = Array(Set(themes)).sorted()
        copy.journeyStages = Array(Set(journeyStages)).sorted()
        let ms = { (date: Date) in Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000) }
        copy.start = ms(start)
        copy.end = end.map(ms)
        return copy
    }

    /// Checks the fields a client sends; reference codes are checked against the store.
    public func validate() throws(OtklikError) {
        try Identifier.validate(id, field: "id")
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty, title.count <= 200 else { throw .invalid("title", "title is 1-200 characters") }
        let owner = owner.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !owner.isEmpty, owner.count <= 200 else { throw .invalid("owner", "owner is 1-200 characters") }
        guard Self.goalMetrics.contains(goalMetric.lowercased()) else {
            throw .invalid("goal_metric", "goal_metric must be one of \(Self.goalMetrics.joined(separator: ", "))")
        }
        guard !locations.isEmpty else { throw .invalid("locations", "name at least one location in the scope") }
        for (field, list) in [("locations", locations), ("services", services), ("problems", problems), ("themes", themes)] {
            guard list.count <= Self.maxListLength else { throw .invalid(field, "at most \(Self.maxListLength) \(field)") }
            for (index, code) in list.enumerated() { try Identifier.validate(code, field: "\(field)[\(index)]") }
        }
        guard journeyStages.count <= Self.maxListLength else { throw .invalid("journey_stages", "at most \(Self.maxListLength) journey_stages") }
        for (index, stage) in journeyStages.enumerated() where JourneyStageReference(stage) == nil {
            throw .invalid("journey_stages[\(index)]", "a journey stage is named journey/stage, e.g. getting-service/visit")
        }
        guard budget >= 0, budget <= 1_000_000_000_000_000 else { throw .invalid("budget", "budget is a whole amount, 0 or more") }
        if let end, end <= start { throw .invalid("end", "end must be after start") }
    }
}
