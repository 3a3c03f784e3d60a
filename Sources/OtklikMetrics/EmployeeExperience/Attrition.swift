import OtklikCore

/// Staff attrition over a period of days (both ends inclusive, `YYYY-MM-DD`), from the staff records' `hired_on` and
/// `left_on`: leavers in the period ÷ average head count × 100 — the separations rate of the U.S. Bureau of Labor
/// Statistics (JOLTS: separations ÷ employment) and SHRM's turnover formula, with the average head count taken as the
/// mean of the head count at the start and at the end of the period (docs/methods.md, "Attrition").
///
/// A staff member counts at the start when hired before `from` (or hiring not recorded) and not gone before it; at the
/// end when hired by `to` and still there after it (`left_on` is the last day of work). So `closing = opening + hires −
/// leavers` holds in every group. No interval is given: the rate is a count over the whole population, not a sample.
public struct Attrition: Sendable, Equatable, Codable {
    /// How the figures are split.
    public enum Grouping: String, Sendable, Codable, CaseIterable {
        case organisation, location, team, month
    }

    /// One group's figures.
    public struct Figure: Sendable, Equatable, Codable {
        /// The location or team code, or the month (`YYYY-MM`); nil for the organisation, or for staff with no location or team.
        public var group: String?
        public var from: String
        public var to: String
        /// Head count at the start of `from`.
        public var opening: Int
        /// Head count after `to`.
        public var closing: Int
        /// Hired during the period.
        public var hires: Int
        /// Left during the period (the separations).
        public var leavers: Int
        /// (opening + closing) / 2.
        public var averageHeadCount: Double
        /// leavers / averageHeadCount × 100; nil when nobody was employed.
        public var rate: Double?

        enum CodingKeys: String, CodingKey {
            case group, from, to, opening, closing, hires, leavers, rate
            case averageHeadCount = "average_head_count"
        }
    }

    public var from: String
    public var to: String
    public var by: Grouping
    public var groups: [Figure]
    /// The whole population over the whole period.
    public var total: Figure
    /// Staff in the population with no `hired_on` (counted as employed before any period).
    public var withoutHiringDate: Int
    public var definition: String

    enum CodingKeys: String, CodingKey {
        case from, to, by, groups, total, definition
        case withoutHiringDate = "without_hiring_date"
    }

    public static let definitionText =
        "leavers in the period / average head count × 100; average head count = (head count at the start + head count at the end) / 2"

    /// The figures for `staff` over `from`…`to`, split `by`. Throws a field-named error for a bad period.
    public static func compute(staff: [Staff], from: String, to: String, by: Grouping) throws(OtklikError) -> Attrition {
        guard CalendarDay.validDate(from) != nil, let first = LocalCalendar.day(parsing: from) else {
            throw .invalid("from", "from must be a date YYYY-MM-DD")
        }
        guard CalendarDay.validDate(to) != nil, let last = LocalCalendar.day(parsing: to) else { throw .invalid("to", "to must be a date YYYY-MM-DD") }
        guard first <= last else { throw .invalid("to", "to must not be before from") }
        let total = figure(staff, group: nil, from: from, to: to)
        var groups: [Figure] = []
        switch by {
        case .organisation:
            groups = [total]
        case .location, .team:
            let key: (Staff) -> String? = by == .location ? { $0.location } : { $0.team }
            let keys = Set(staff.map(key))
            groups = keys.sorted { ($0 ?? "\u{10FFFF}") < ($1 ?? "\u{10FFFF}") }.map { group in
                figure(staff.filter { key($0) == group }, group: group, from: from, to: to)
            }
        case .month:
            var start = first
            while start <= last {
                let month = LocalCalendar.monthIndex(of: start)
                var end = start
                while end < last && LocalCalendar.monthIndex(of: end + 1) == month { end += 1 }
                groups.append(
                    figure(
                        staff, group: LocalCalendar.label(monthIndex: month), from: LocalCalendar.label(day: start), to: LocalCalendar.label(day: end)))
                start = end + 1
            }
        }
        return Attrition(
            from: from, to: to, by: by, groups: groups, total: total, withoutHiringDate: staff.filter { $0.hiredOn == nil }.count,
            definition: definitionText)
    }

    static func figure(_ staff: [Staff], group: String?, from: String, to: String) -> Figure {
        var opening = 0, closing = 0, hires = 0, leavers = 0
        for member in staff {
            let hired = member.hiredOn, left = member.leftOn
            if (hired.map { $0 < from } ?? true) && (left.map { $0 >= from } ?? true) { opening += 1 }
            if (hired.map { $0 <= to } ?? true) && (left.map { $0 > to } ?? true) { closing += 1 }
            if let hired, hired >= from, hired <= to { hires += 1 }
            if let left, left >= from, left <= to { leavers += 1 }
        }
        let average = Double(opening + closing) / 2
        return Figure(
            group: group, from: from, to: to, opening: opening, closing: closing, hires: hires, leavers: leavers, averageHeadCount: average,
            rate: average > 0 ? Double(leavers) / average * 100 : nil)
    }
}
