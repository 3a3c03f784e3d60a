import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore

/// The segments as slices (``SegmentSlice``), shared by `GET /api/v1/metrics?segment=` and the dashboard's segment
/// filter. Membership is evaluated as of now (``CustomerSegments/evaluateAll(now:)``) at most once a minute and reused
/// meanwhile — each answer says when (`members_as_of`). A caller limited to some locations gets the minimum size applied to
/// the members with a record at those locations.
public actor SegmentSlicer {
    struct Membership {
        var at: Date
        var segments: [(segment: Segment, members: Set<String>)]
        var merged: [String: String]
    }

    let segments: CustomerSegments
    let repository: any SegmentRepository
    /// How long one evaluation of the memberships is reused.
    let reuse: TimeInterval
    private var held: Membership?

    public init(segments: CustomerSegments, repository: any SegmentRepository, reuse: TimeInterval = 60) {
        self.segments = segments
        self.repository = repository
        self.reuse = reuse
    }

    public var minimumSize: Int { segments.minimumSize }

    func membership(now: Date) async throws -> Membership {
        if let held, now.timeIntervalSince(held.at) < reuse, now >= held.at { return held }
        let evaluated = try await segments.evaluateAll(now: now)
        let fresh = Membership(
            at: now, segments: evaluated.map { ($0.segment, Set($0.members.map(\.customer))) }, merged: try await repository.mergedCustomers())
        held = fresh
        return fresh
    }

    /// The stored segments' codes and names, for a drop-down (no membership evaluated).
    public func definitions() async throws -> [Segment] {
        try await repository.segments().map(\.segment)
    }

    /// One segment's slice; an unknown code is refused naming `field`.
    public func slice(code: String, scope: Set<String>?, field: String = "segment", now: Date = Date()) async throws -> SegmentSlice {
        let membership = try await membership(now: now)
        guard let entry = membership.segments.first(where: { $0.segment.code == code }) else {
            let known = membership.segments.map(\.segment.code)
            throw OtklikError.invalid(
                field, "no segment '\(code)'; " + (known.isEmpty ? "no segment is defined" : "the segments are \(known.joined(separator: ", "))"))
        }
        return try await slice(entry.segment, entry.members, membership, scope: scope)
    }

    /// Every segment's slice, in code order.
    public func slices(scope: Set<String>?, now: Date = Date()) async throws -> [SegmentSlice] {
        let membership = try await membership(now: now)
        var result: [SegmentSlice] = []
        let inScope = try await self.inScope(scope)
        for entry in membership.segments { result.append(make(entry.segment, entry.members, membership, inScope: inScope)) }
        return result
    }

    private func slice(_ segment: Segment, _ members: Set<String>, _ membership: Membership, scope: Set<String>?) async throws -> SegmentSlice {
        let inScope = try await self.inScope(scope)
        return make(segment, members, membership, inScope: inScope)
    }

    /// The customers with a record at the scope's locations; nil for the whole organisation.
    private func inScope(_ scope: Set<String>?) async throws -> Set<String>? {
        guard let scope else { return nil }
        return try await repository.customers(atLocations: scope)
    }

    private func make(_ segment: Segment, _ members: Set<String>, _ membership: Membership, inScope: Set<String>?) -> SegmentSlice {
        let counted = inScope.map { members.intersection($0).count } ?? members.count
        let reported = ReportedSegment(
            code: segment.code, nameRu: segment.nameRu, nameEn: segment.nameEn, membersAsOf: Self.iso(membership.at),
            customers: members.count, customersInScope: counted, minimumSize: segments.minimumSize)
        return SegmentSlice(reported: reported, members: members, customers: SegmentSlice.customers(of: members, merged: membership.merged))
    }

    static func iso(_ date: Date) -> String {
        let format = ISO8601DateFormatter()
        format.formatOptions = [.withInternetDateTime]
        return format.string(from: date)
    }
}

extension SegmentSlicer {
    /// The memberships of a survey's `segment` stratum (``SegmentStratum``): the same evaluation the slices use (held a
    /// minute), each segment's customers with those merged into its members; a code no longer defined holds nobody.
    public func stratum(order codes: [String], now: Date = Date()) async throws -> SegmentStratum {
        let membership = try await membership(now: now)
        var members: [String: Set<String>] = [:]
        for entry in membership.segments where codes.contains(entry.segment.code) {
            members[entry.segment.code] = SegmentSlice.customers(of: entry.members, merged: membership.merged)
        }
        return SegmentStratum(order: codes, members: members, asOf: membership.at)
    }

    /// Drops the held memberships: the next slice evaluates them again (after segments are defined).
    public func forget() {
        held = nil
    }
}
