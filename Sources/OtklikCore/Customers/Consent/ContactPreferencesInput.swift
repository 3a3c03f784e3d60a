import Foundation

/// Contact preferences as a person or a client writes them, checked whole before anything is stored: a channel from
/// ``channels``, a language `ru` or `en`, an IANA time zone, quiet hours `HH:MM-HH:MM` (local time, may wrap past
/// midnight, the two ends differ) and at most `max_per_week` contacts a week (0 to 50). Every field may be absent.
public struct ContactPreferencesInput: Sendable, Equatable {
    public static let channels = ["email", "sms", "phone", "messenger", "push", "post"]
    public static let languages = ["ru", "en"]

    public var preferredChannel: String?
    public var language: String?
    public var timeZone: String?
    public var quietHours: String?
    public var maxPerWeek: Int?

    public init(preferredChannel: String? = nil, language: String? = nil, timeZone: String? = nil, quietHours: String? = nil, maxPerWeek: Int? = nil) {
        self.preferredChannel = preferredChannel
        self.language = language
        self.timeZone = timeZone
        self.quietHours = quietHours
        self.maxPerWeek = maxPerWeek
    }

    /// The preferences to store for `customer`, or the first field that is wrong with a message saying what is allowed.
    public func validated(customer: String) throws(OtklikError) -> ContactPreferences {
        func blank(_ text: String?) -> String? {
            let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            return trimmed.isEmpty ? nil : trimmed
        }
        let channel = blank(preferredChannel)?.lowercased()
        if let channel, !Self.channels.contains(channel) {
            throw .invalid("preferred_channel", "preferred_channel is one of \(Self.channels.joined(separator: ", "))")
        }
        let language = blank(language)?.lowercased()
        if let language, !Self.languages.contains(language) { throw .invalid("language", "language is ru or en") }
        let zone = blank(timeZone)
        if let zone, TimeZone(identifier: zone) == nil { throw .invalid("time_zone", "time_zone must be an IANA time zone such as Europe/Moscow") }
        var quiet: (Int, Int)?
        if let text = blank(quietHours) {
            guard let parsed = Self.quietHours(text) else {
                throw .invalid("quiet_hours", "quiet_hours is HH:MM-HH:MM in local time, e.g. 21:00-09:00, with two different times")
            }
            quiet = parsed
        }
        if let maxPerWeek, !(0...50).contains(maxPerWeek) { throw .invalid("max_per_week", "max_per_week is a whole number from 0 to 50") }
        return ContactPreferences(
            customer: customer, preferredChannel: channel, language: language, timeZone: zone, quietFromMinute: quiet?.0,
            quietToMinute: quiet?.1, maxPerWeek: maxPerWeek)
    }

    /// `21:00-09:00` → (1260, 540); nil when not two different times of day.
    public static func quietHours(_ text: String) -> (Int, Int)? {
        let ends = text.split(separator: "-", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard ends.count == 2, let from = minute(ends[0]), let to = minute(ends[1]), from != to else { return nil }
        return (from, to)
    }

    /// `HH:MM` (00:00 to 23:59) as minutes after midnight.
    public static func minute(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isASCII) }), parts[1].count == 2,
            let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        return hour * 60 + minute
    }

    /// Minutes after midnight as `HH:MM`.
    public static func clock(_ minute: Int) -> String { String(format: "%02d:%02d", minute / 60, minute % 60) }
}
