import Foundation
import OtklikCore

/// Closing-the-loop reports over cases, in the metric JSON shape (METHODS.md "Closing the loop").
public enum CaseMetric: String, Sendable, CaseIterable {
    case slaAttainment = "sla_attainment"
    case firstResponseAttainment = "first_response_attainment"
    case resolutionHours = "resolution_hours"
    case firstResponseHours = "first_response_hours"
    case reopenRate = "reopen_rate"
    case recoveryRate = "recovery_rate"
    case backlog
    case backlogAgeHours = "backlog_age_hours"

    public var name: String {
        switch self {
        case .slaAttainment: "SLA attainment"
        case .firstResponseAttainment: "First-response attainment"
        case .resolutionHours: "Time to resolution"
        case .firstResponseHours: "Time to first response"
        case .reopenRate: "Reopen rate"
        case .recoveryRate: "Recovery rate"
        case .backlog: "Open cases"
        case .backlogAgeHours: "Age of open cases"
        }
    }

    public var definition: String {
        switch self {
        case .slaAttainment:
            "SLA attainment = cases resolved by their deadline / (resolved cases + open cases past their deadline), %, by opening time; deadlines in business hours, pauses excluded; 95 % CI Wilson score"
        case .firstResponseAttainment:
            "First-response attainment = cases first answered by the first-response deadline / (cases with a first response + cases without one past the deadline), %; the first response is the first answer to the customer (a comment, a follow-up that reached them, waiting for the customer, the resolution), not triage; 95 % CI Wilson score"
        case .resolutionHours:
            "Time to resolution = mean business hours from opening to resolution, resolved cases; 95 % CI Student's t"
        case .firstResponseHours:
            "Time to first response = mean business hours from opening to the first answer to the customer (not triage); 95 % CI Student's t"
        case .reopenRate:
            "Reopen rate = resolved cases that were reopened / resolved cases, %; 95 % CI Wilson score"
        case .recoveryRate:
            "Recovery rate = resolved cases whose complainant later gave positive feedback (CSAT 4-5 or NPS 9-10; the same customer, or the same contact as written) / resolved cases with a contact, %; 95 % CI Wilson score"
        case .backlog:
            "Open cases now, by when they were opened; a count, no interval"
        case .backlogAgeHours:
            "Age of open cases = mean business hours from opening to now, cases open now; 95 % CI Student's t"
        }
    }
}

/// Case reports by `location`, `region`, `staff`, `owner`, `team` (the owner's), `priority`, `age` (band of the time
/// from opening to resolution, or to now while open: 0-1d, 1-3d, 3-7d, 7d+ in calendar days), `day`, `week`, `month`
/// (of opening).
public struct CaseReporter: Sendable {
    public let clock: BusinessClock
    public let regionOfLocation: [String: String]
    /// The team of each staff member, for grouping by the owner's team.
    public let teamOfStaff: [String: String]

    public init(clock: BusinessClock, regionOfLocation: [String: String], teamOfStaff: [String: String] = [:]) {
        self.clock = clock
        self.regionOfLocation = regionOfLocation
        self.teamOfStaff = teamOfStaff
    }

    public static let dimensions = ["location", "region", "staff", "owner", "team", "priority", "age", "day", "week", "month"]

    public func report(_ metric: CaseMetric, _ facts: [CaseFact], by dimensions: [String], now: Date, minimumN: Int) throws(OtklikError) -> MetricReport {
        if let bad = dimensions.first(where: { !Self.dimensions.contains($0) }) {
            throw .invalid("by", "cases can be grouped by \(Self.dimensions.joined(separator: ", ")), not \(bad)")
        }
        var groups: [[String]: OutcomeTally] = [:]
        var overall = OutcomeTally()
        var labels = TimeLabels()
        for fact in facts {
            let key = dimensions.map { self.key($0, fact, now: now, labels: &labels) }
            func add(_ body: (inout OutcomeTally) -> Void) {
                body(&overall)
                if !dimensions.isEmpty { body(&groups[key, default: OutcomeTally()]) }
            }
            switch metric {
            case .slaAttainment:
                if let resolved = fact.resolvedAt {
                    add { $0.add(success: resolved <= fact.dueAt) }
                } else if fact.open && now > fact.dueAt {
                    add { $0.add(success: false) }
                }
            case .firstResponseAttainment:
                guard let due = fact.firstResponseDueAt else { continue }
                if let first = fact.firstResponseAt {
                    add { $0.add(success: first <= due) }
                } else if now > due {
                    add { $0.add(success: false) }
                }
            case .resolutionHours:
                guard let resolved = fact.resolvedAt else { continue }
                add { $0.add(value: clock.businessSeconds(from: fact.openedAt, to: resolved) / 3600) }
            case .firstResponseHours:
                guard let first = fact.firstResponseAt else { continue }
                add { $0.add(value: clock.businessSeconds(from: fact.openedAt, to: first) / 3600) }
            case .reopenRate:
                guard fact.resolvedAt != nil || fact.reopened else { continue }
                add { $0.add(success: fact.reopened) }
            case .recoveryRate:
                guard fact.resolvedAt != nil, let recovered = fact.recovered else { continue }
                add { $0.add(success: recovered) }
            case .backlog:
                guard fact.open else { continue }
                add { $0.add(success: true) }
            case .backlogAgeHours:
                guard fact.open else { continue }
                add { $0.add(value: clock.businessSeconds(from: fact.openedAt, to: max(now, fact.openedAt)) / 3600) }
            }
        }
        func evaluate(_ tally: OutcomeTally) -> MetricValue {
            switch metric {
            case .backlog: MetricValue(value: Double(tally.n), n: tally.n, ciLow: nil, ciHigh: nil, insufficient: false)
            case .resolutionHours, .firstResponseHours, .backlogAgeHours: tally.mean(minimumN: minimumN)
            default: tally.proportion(minimumN: minimumN)
            }
        }
        return MetricReport(
            metric: metric.rawValue, name: metric.name, definition: metric.definition, minimumN: minimumN, dimensions: dimensions,
            groups: groups.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { key, tally in
                MetricReport.Group(key: Dictionary(uniqueKeysWithValues: zip(dimensions, key)), value: evaluate(tally))
            },
            overall: evaluate(overall))
    }

    func key(_ dimension: String, _ fact: CaseFact, now: Date, labels: inout TimeLabels) -> String {
        let day = LocalCalendar.day(of: fact.openedAt, in: clock.timeZone)
        switch dimension {
        case "location": return fact.location ?? ""
        case "region": return fact.location.flatMap { regionOfLocation[$0] } ?? ""
        case "staff": return fact.staff ?? ""
        case "owner": return fact.owner ?? ""
        case "team": return fact.owner.flatMap { teamOfStaff[$0] } ?? ""
        case "priority": return fact.priority ?? ""
        case "age": return Self.ageBand(days: (fact.resolvedAt ?? now).timeIntervalSince(fact.openedAt) / 86_400)
        case "day": return labels.label(.day, day: day, hour: 0)
        case "week": return labels.label(.week, day: day, hour: 0)
        default: return labels.label(.month, day: day, hour: 0)
        }
    }

    /// Ageing bands in calendar days (their labels sort in age order).
    static func ageBand(days: Double) -> String {
        switch days {
        case ..<1: "0-1d"
        case ..<3: "1-3d"
        case ..<7: "3-7d"
        default: "7d+"
        }
    }
}
