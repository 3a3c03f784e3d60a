import Foundation

/// How a customer prefers to be contacted: a channel, a language, a time zone, quiet hours (minutes after local
/// midnight, from–to, may wrap past midnight) and at most so many contacts a week.
public struct ContactPreferences: Sendable, Equatable {
    public var customer: String
    public var preferredChannel: String?
    public var language: String?
    public var timeZone: String?
    public var quietFromMinute: Int?
    public var quietToMinute: Int?
    public var maxPerWeek: Int?

    public init(
        customer: String, preferredChannel: String? = nil, language: String? = nil, timeZone: String? = nil, quietFromMinute: Int? = nil,
        quietToMinute: Int? = nil, maxPerWeek: Int? = nil
    ) {
        self.customer = customer
        self.preferredChannel = preferredChannel
        self.language = language
        self.timeZone = timeZone
        self.quietFromMinute = quietFromMinute
        self.quietToMinute = quietToMinute
        self.maxPerWeek = maxPerWeek
    }
}
