import Foundation

/// One row of `otklik import customers`: the identities it names (normalised, placeholders dropped) and the
/// customer's language, time zone and where and when it was acquired.
public struct CustomerImportRow: Sendable, Equatable {
    public var identities: [CustomerIdentity]
    public var lang: String?
    public var timeZone: String?
    public var acquisitionSource: String?
    public var acquiredAt: Date?

    public init(identities: [CustomerIdentity], lang: String? = nil, timeZone: String? = nil, acquisitionSource: String? = nil, acquiredAt: Date? = nil) {
        self.identities = identities
        self.lang = lang
        self.timeZone = timeZone
        self.acquisitionSource = acquisitionSource
        self.acquiredAt = acquiredAt
    }
}
