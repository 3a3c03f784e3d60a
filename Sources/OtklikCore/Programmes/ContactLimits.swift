import Foundation

/// The limits checked at send time (issue 19 item 2), the same for every programme: the consent purpose, at most
/// `maxContacts` contacts in `windowDays` days across all programmes, channels, survey invitations and staff calls, and
/// the default quiet hours (minutes after local midnight, from–to, may wrap) for a customer who named none.
public struct ContactLimits: Sendable, Equatable {
    public var purpose: ConsentPurpose
    public var maxContacts: Int
    public var windowDays: Int
    public var quietFromMinute: Int
    public var quietToMinute: Int

    public init(purpose: ConsentPurpose = .service, maxContacts: Int = 2, windowDays: Int = 7, quietFromMinute: Int = 21 * 60, quietToMinute: Int = 9 * 60) {
        self.purpose = purpose
        self.maxContacts = maxContacts
        self.windowDays = windowDays
        self.quietFromMinute = quietFromMinute
        self.quietToMinute = quietToMinute
    }

    public var window: TimeInterval { Double(windowDays) * 86_400 }
}
