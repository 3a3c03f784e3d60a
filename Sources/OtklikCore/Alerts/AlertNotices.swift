import Foundation

/// Who a run of newly opened red-press alerts tells, as a pure policy: a location's duty staff are its staff with the
/// role `duty`, or all its staff when it names none; each of them gets one notification per location and run, however
/// many of the location's alerts the run opened, dated at the location's first press (it points to `/alerts`, where
/// each alert is listed) — unless they have not yet read their last one about the location: that one already points
/// there, so a stream of presses is one notification until it is read. The store applies it in the alerts'
/// transaction (`SQLAlertRepository.open`).
public enum AlertNotices {
    public struct Notice: Sendable, Equatable {
        public var recipient: String
        public var location: String
        public var at: Date

        public init(recipient: String, location: String, at: Date) {
            self.recipient = recipient
            self.location = location
            self.at = at
        }
    }

    /// A staff member's notification about a location's alerts that they have not read yet.
    public struct Unread: Hashable, Sendable {
        public var recipient: String
        public var location: String

        public init(recipient: String, location: String) {
            self.recipient = recipient
            self.location = location
        }
    }

    /// The duty staff of each location from its staff (code and role).
    public static func duty(_ staff: [(code: String, role: String?, location: String)]) -> [String: [String]] {
        var all: [String: [String]] = [:], duty: [String: [String]] = [:]
        for member in staff {
            all[member.location, default: []].append(member.code)
            if member.role == "duty" { duty[member.location, default: []].append(member.code) }
        }
        return all.merging(duty) { _, onDuty in onDuty }
    }

    /// The notifications for `opened` alerts given each location's duty staff, ordered by location then recipient;
    /// none for a member who has an `unread` one about the same location.
    public static func notices(for opened: [RedPressAlert], duty: [String: [String]], unread: Set<Unread> = []) -> [Notice] {
        let first = Dictionary(grouping: opened, by: \.location).compactMapValues { $0.map(\.openedAt).min() }
        return first.keys.sorted().flatMap { location in
            (duty[location] ?? []).filter { !unread.contains(Unread(recipient: $0, location: location)) }
                .map { Notice(recipient: $0, location: location, at: first[location]!) }
        }
    }
}
