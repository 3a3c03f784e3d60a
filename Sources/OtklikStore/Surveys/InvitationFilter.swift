import Foundation
import OtklikCore

/// A slice of a survey's invitations for its results: by attribute (location, staff, service, channel) and by when the
/// invitation was made (`from` inclusive, `to` exclusive), e.g. one office, or one wave to compare with the next.
public struct InvitationFilter: Sendable, Equatable {
    public var location: String?
    public var staff: String?
    public var service: String?
    public var channel: String?
    public var from: Date?
    public var to: Date?

    public init(location: String? = nil, staff: String? = nil, service: String? = nil, channel: String? = nil, from: Date? = nil, to: Date? = nil) {
        self.location = location
        self.staff = staff
        self.service = service
        self.channel = channel
        self.from = from
        self.to = to
    }

    /// From query parameters `location`, `staff`, `service`, `channel`, `from`, `to` (ISO dates or times; a date is
    /// its first moment in `zone`, the organisation's on the server); a bad time names its parameter.
    public init(query: [String: String], zone: TimeZone = TimeZone(identifier: "UTC")!) throws(OtklikError) {
        func value(_ name: String) -> String? { query[name].flatMap { $0.isEmpty ? nil : $0 } }
        func time(_ name: String) throws(OtklikError) -> Date? {
            guard let text = value(name) else { return nil }
            guard let date = Timestamp.parse(text, dateOnlyZone: zone) else { throw .invalid(name, "\(name) is an ISO date or time, e.g. 2026-10-01") }
            return date
        }
        self.init(
            location: value("location"), staff: value("staff"), service: value("service"), channel: value("channel"), from: try time("from"),
            to: try time("to"))
    }

    /// The baseline wave to compare with: the same attributes with `compare_from`/`compare_to` as the period; nil when
    /// neither is given.
    public static func baseline(query: [String: String], zone: TimeZone = TimeZone(identifier: "UTC")!) throws(OtklikError) -> InvitationFilter? {
        guard !(query["compare_from"] ?? "").isEmpty || !(query["compare_to"] ?? "").isEmpty else { return nil }
        var shifted = query
        shifted["from"] = query["compare_from"]
        shifted["to"] = query["compare_to"]
        do { return try InvitationFilter(query: shifted, zone: zone) } catch {
            let field = "compare_" + (error.field ?? "from")
            throw .invalid(field, "\(field) is an ISO date or time, e.g. 2026-10-01")
        }
    }

    public var isEmpty: Bool { self == InvitationFilter() }

    public func matches(_ invitation: SurveyInvitation) -> Bool {
        if let location, invitation.location != location { return false }
        if let staff, invitation.staff != staff { return false }
        if let service, invitation.service != service { return false }
        if let channel, invitation.channel != channel { return false }
        if let from, invitation.invitedAt < from { return false }
        if let to, invitation.invitedAt >= to { return false }
        return true
    }
}
