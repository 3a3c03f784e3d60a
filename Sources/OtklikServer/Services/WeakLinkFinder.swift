import Foundation
import OtklikApplication
import OtklikCore
import OtklikMetrics

/// Finds the dashboard's weak links (``WeakLinkTest``) in three families, each adjusted on its own:
/// 1. staff, each compared with the other staff of the same location (a weak office does not make its people weak);
/// 2. locations, each compared with the other locations, with the answers given to the staff flagged in step 1
///    set aside on both sides (one weak person does not make an office weak);
/// 3. services, each compared with the other services.
/// Always over the whole network the filters select apart from the location, so a location's drill-down shows
/// exactly the staff the network-wide list flags there.
struct WeakLinkFinder {
    let analytics: Analytics
    let minimumN: Int

    /// A flagged group on one metric.
    struct Link: Sendable {
        var dimension: GroupDimension
        var code: String
        /// The staff member's location (their peer set); nil for locations and services.
        var location: String?
        var finding: WeakLinkTest.Finding
    }

    func find(_ filters: DashboardFilters) async throws -> [Link] {
        var network = filters
        network.location = nil
        let zone = analytics.timeZone
        let measures = TallyMeasures(WeakLinkTest.metrics)
        let scans = try await analytics.tally([[GroupDimension.location, .staff], [.service]].map { dimensions in
            var query = network.query(timeZone: zone, groupBy: dimensions)
            query.measures = measures
            return query
        })
        let (byLocationStaff, byService) = (scans[0], scans[1])
        let placed = byLocationStaff.groups.filter { !($0.key.first ?? "").isEmpty }

        let staffCandidates = placed.filter { !$0.key[1].isEmpty }.map {
            WeakLinkTest.Candidate(key: $0.key[1], peerSet: $0.key[0], tally: $0.tally)
        }
        let staffFindings = WeakLinkTest.run(staffCandidates, minimumN: minimumN).filter(\.flagged)
        let flaggedStaff = Set(staffFindings.map { "\($0.peerSet)/\($0.key)" })

        var locationTallies: [String: Tally] = [:]
        for group in placed where !flaggedStaff.contains("\(group.key[0])/\(group.key[1])") {
            locationTallies[group.key[0], default: Tally()].merge(group.tally)
        }
        let locationCandidates = locationTallies.sorted { $0.key < $1.key }.map { WeakLinkTest.Candidate(key: $0.key, tally: $0.value) }
        let locationFindings = WeakLinkTest.run(locationCandidates, minimumN: minimumN).filter(\.flagged)

        let serviceCandidates = byService.groups.filter { !($0.key.first ?? "").isEmpty }.map {
            WeakLinkTest.Candidate(key: $0.key[0], tally: $0.tally)
        }
        let serviceFindings = WeakLinkTest.run(serviceCandidates, minimumN: minimumN).filter(\.flagged)

        return staffFindings.map { Link(dimension: .staff, code: $0.key, location: $0.peerSet, finding: $0) }
            + locationFindings.map { Link(dimension: .location, code: $0.key, location: nil, finding: $0) }
            + serviceFindings.map { Link(dimension: .service, code: $0.key, location: nil, finding: $0) }
    }

    /// The links a page with these filters shows: in a location's drill-down, that location and its staff;
    /// otherwise every link.
    static func shown(_ links: [Link], filters: DashboardFilters) -> [Link] {
        guard let location = filters.location else { return links }
        return links.filter { link in
            switch link.dimension {
            case .staff: link.location == location
            case .location: link.code == location
            default: false
            }
        }
    }
}
