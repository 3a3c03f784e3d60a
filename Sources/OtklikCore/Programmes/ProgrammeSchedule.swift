import Foundation

/// When a scheduled programme runs (`{"kind": "schedule", "every": "day" | "week" | "month", "at": "09:00"}`, with
/// `"weekday": "monday"` for a weekly one and `"day": 1` (1-28) for a monthly one): the occurrences are wall-clock times
/// in the organisation's time zone. A round runs only the latest occurrence at or before now, so after downtime the
/// missed periods run once, not once each.
public struct ProgrammeSchedule: Sendable, Equatable {
    public enum Every: String, Sendable, CaseIterable {
        case day, week, month
    }

    public static let weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]

    public var every: Every
    /// Minutes after midnight.
    public var atMinute: Int
    /// 1 = Sunday … 7 = Saturday (Calendar's numbering); used when `every` is `week`.
    public var weekday: Int
    /// The day of the month, 1-28; used when `every` is `month`.
    public var day: Int

    public init(every: Every, atMinute: Int, weekday: Int = 2, day: Int = 1) {
        self.every = every
        self.atMinute = atMinute
        self.weekday = weekday
        self.day = day
    }

    /// The latest occurrence at or before `now` in `zone`.
    public func latestOccurrence(atOrBefore now: Date, zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let today = calendar.dateComponents([.year, .month, .day, .weekday], from: now)
        func at(_ year: Int, _ month: Int, _ day: Int) -> Date {
            let components = DateComponents(year: year, month: month, day: day, hour: atMinute / 60, minute: atMinute % 60)
            return calendar.date(from: components) ?? now
        }
        switch every {
        case .day:
            var candidate = at(today.year!, today.month!, today.day!)
            if candidate > now {
                let yesterday = calendar.date(byAdding: .day, value: -1, to: now)!
                let parts = calendar.dateComponents([.year, .month, .day], from: yesterday)
                candidate = at(parts.year!, parts.month!, parts.day!)
            }
            return candidate
        case .week:
            let back = (today.weekday! - weekday + 7) % 7
            for offset in [back, back + 7] {
                let date = calendar.date(byAdding: .day, value: -offset, to: now)!
                let parts = calendar.dateComponents([.year, .month, .day], from: date)
                let candidate = at(parts.year!, parts.month!, parts.day!)
                if candidate <= now { return candidate }
            }
            return now
        case .month:
            var candidate = at(today.year!, today.month!, day)
            if candidate > now {
                let previous = calendar.date(byAdding: .month, value: -1, to: at(today.year!, today.month!, 1))!
                let parts = calendar.dateComponents([.year, .month], from: previous)
                candidate = at(parts.year!, parts.month!, day)
            }
            return candidate
        }
    }

    /// The occurrence as the trigger event's key part: its wall-clock time in the zone, `2026-12-03T09:00`.
    public func occurrenceKey(_ occurrence: Date, zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: occurrence)
        return String(format: "%04d-%02d-%02dT%02d:%02d", p.year!, p.month!, p.day!, p.hour!, p.minute!)
    }

    static func parse(_ object: [String: Any]) throws(OtklikError) -> ProgrammeSchedule {
        let known: Set<String> = ["kind", "every", "at", "weekday", "day"]
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw .invalid(unknown, "unknown field; the fields of a schedule are \(known.sorted().joined(separator: ", "))")
        }
        let every: Every = try ProgrammeDefinition.choice(object, "every", Every.allCases)
        guard let at = object["at"] as? String, let minute = ProgrammeDefinition.minute(at) else {
            throw .invalid("at", "required: a time HH:MM in the organisation's time zone")
        }
        var schedule = ProgrammeSchedule(every: every, atMinute: minute)
        if let value = object["weekday"] {
            guard every == .week else { throw .invalid("weekday", "only a weekly schedule names a weekday") }
            guard let name = value as? String, let index = weekdays.firstIndex(of: name) else {
                throw .invalid("weekday", "one of \(weekdays.joined(separator: ", "))")
            }
            schedule.weekday = index + 1
        }
        if object["day"] != nil {
            guard every == .month else { throw .invalid("day", "only a monthly schedule names a day of the month") }
            schedule.day = try ProgrammeDefinition.integer(object, "day", default: 1)
            guard (1...28).contains(schedule.day) else { throw .invalid("day", "a day of the month between 1 and 28") }
        }
        return schedule
    }

    var json: [String: Any] {
        var object: [String: Any] = ["kind": "schedule", "every": every.rawValue, "at": ProgrammeDefinition.clock(atMinute)]
        if every == .week { object["weekday"] = Self.weekdays[weekday - 1] }
        if every == .month { object["day"] = day }
        return object
    }
}
