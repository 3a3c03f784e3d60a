import Foundation
import OtklikCore

/// Segments and what they are evaluated on (issue 18 item 7): the stored definitions, and each customer's profile
/// (purchases, feedback answers, complaints, latest channel and location) and comment themes as of a time.
public protocol SegmentRepository: Sendable {
    /// Stores the definitions (a new code is created, an existing one replaced), all in one transaction.
    func define(_ segments: [Segment], now: Date) async throws
    func segments() async throws -> [StoredSegment]
    func segment(code: String) async throws -> StoredSegment?
    /// Every customer with a purchase or a feedback up to `asOf`, by id; the churn probability and CLV band are left unset.
    func profiles(asOf: Date) async throws -> [CustomerProfile]
    /// Each customer's analysed comments' themes up to `asOf` (one list per comment).
    func commentThemes(asOf: Date) async throws -> [String: [[String]]]
    /// Theme names by code in `lang` (ru or en).
    func themeNames(lang: String) async throws -> [String: String]
    /// Every customer merged into another, with the one it was merged into (a chain is followed by the caller).
    func mergedCustomers() async throws -> [String: String]
    /// The customers with a feedback record at one of `locations`.
    func customers(atLocations locations: Set<String>) async throws -> Set<String>
}

/// A stored segment with its times.
public struct StoredSegment: Sendable, Equatable {
    public var segment: Segment
    public var createdAt: Date
    public var updatedAt: Date
}

extension AppDatabase {
    /// Rule-based segments and the customer profiles they are evaluated on.
    public var segments: any SegmentRepository { SQLSegmentRepository(database: sql) }
}
