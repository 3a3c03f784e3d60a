import Foundation
import OtklikCore

/// The plain computation every ``FeedbackAnalyticsBackend`` is checked against: facts kept as they came, each query
/// answered by looking at every fact with ``FeedbackQuery/matches(_:region:)`` and Foundation's calendar for days,
/// weeks (ISO, Monday first) and months in the table's time zone. Slow and obviously right; it fills every measure
/// whatever the query asks (compare with ``Tally/projected(onto:)``).
public actor ReferenceFeedbackBackend: FeedbackAnalyticsBackend {
    private var facts: [FeedbackFact] = []
    private var regionOf: [String: String] = [:]
    private let calendar: Calendar
    private let dayFormat: DateFormatter

    public init(timeZone: TimeZone) {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        self.calendar = calendar
        let format = DateFormatter()
        format.calendar = calendar
        format.timeZone = timeZone
        format.locale = Locale(identifier: "en_US_POSIX")
        format.dateFormat = "yyyy-MM-dd"
        dayFormat = format
    }

    public func append(_ facts: [FeedbackFact]) {
        self.facts.append(contentsOf: facts)
    }

    public func setRegion(_ region: String?, ofLocation location: String) {
        regionOf[location] = region
    }

    public func tally(_ queries: [FeedbackQuery]) -> [GroupedTallies] {
        queries.map(tally)
    }

    public func count() -> Int { facts.count }

    private func tally(_ query: FeedbackQuery) -> GroupedTallies {
        var groups: [[String]: Tally] = [:]
        var overall = Tally()
        for fact in facts {
            let region = fact.location.flatMap { regionOf[$0] }
            guard query.matches(fact, region: region) else { continue }
            let nps = Int8(fact.nps ?? -1), csat = Int8(fact.csat ?? -1), ces = Int8(fact.ces ?? -1)
            let button = fact.button.map { UInt8(ButtonPress.allCases.firstIndex(of: $0)! + 1) } ?? 0
            overall.add(nps: nps, csat: csat, ces: ces, button: button)
            guard !query.groupBy.isEmpty else { continue }
            let key = query.groupBy.map { label(of: fact, by: $0, region: region) }
            groups[key, default: Tally()].add(nps: nps, csat: csat, ces: ces, button: button)
        }
        return GroupedTallies(
            dimensions: query.groupBy,
            groups: groups.map { GroupedTallies.Group(key: $0.key, tally: $0.value) }.sorted { $0.key.lexicographicallyPrecedes($1.key) },
            overall: overall)
    }

    private func label(of fact: FeedbackFact, by dimension: GroupDimension, region: String?) -> String {
        switch dimension {
        case .location: fact.location ?? ""
        case .region: region ?? ""
        case .staff: fact.staff ?? ""
        case .service: fact.service ?? ""
        case .channel: fact.channel.rawValue
        case .kind: fact.kind.rawValue
        case .day: dayFormat.string(from: fact.ts)
        case .week: dayFormat.string(from: calendar.dateInterval(of: .weekOfYear, for: fact.ts)!.start)
        case .month: String(dayFormat.string(from: fact.ts).prefix(7))
        }
    }
}

extension Tally {
    /// Only what `measures` asks for (the record count always), the rest zero: how two backends' answers to one
    /// query compare when one of them fills more than was asked.
    public func projected(onto measures: TallyMeasures) -> Tally {
        var result = Tally()
        result.count = count
        let keep = { (measure: TallyMeasures, value: Int) in measures.contains(measure) ? value : 0 }
        result.npsN = keep(.nps, npsN)
        result.promoters = keep(.nps, promoters)
        result.detractors = keep(.nps, detractors)
        result.csatN = keep(.csat, csatN)
        result.csatTop2 = keep(.csat, csatTop2)
        result.cesN = keep(.ces, cesN)
        result.cesSum = keep(.ces, cesSum)
        result.cesSumOfSquares = keep(.ces, cesSumOfSquares)
        result.cesEasy = keep(.ces, cesEasy)
        result.buttonN = keep(.button, buttonN)
        result.buttonPositive = keep(.button, buttonPositive)
        result.buttonNegative = keep(.button, buttonNegative)
        result.rated = keep(.flags, rated)
        result.negative = keep(.flags, negative)
        return result
    }
}

extension GroupedTallies {
    /// Every group's and the overall tally projected onto `measures` (``Tally/projected(onto:)``).
    public func projected(onto measures: TallyMeasures) -> GroupedTallies {
        GroupedTallies(
            dimensions: dimensions, groups: groups.map { Group(key: $0.key, tally: $0.tally.projected(onto: measures)) },
            overall: overall.projected(onto: measures))
    }
}
