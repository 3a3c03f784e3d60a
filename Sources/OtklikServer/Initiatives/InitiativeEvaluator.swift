import Foundation
import OtklikApplication
import OtklikCore
import OtklikMetrics
import OtklikStore

/// Measures an initiative's effect on its goal metric from the analytics engine: the scope's locations against the
/// control locations (outside the scope, in the scope's regions or anywhere), the after-period [start, end or now)
/// against a before-period of the same length ending at the start, over the scope's services (all when none).
struct InitiativeEvaluator: Sendable {
    let analytics: Analytics
    let minimumN: Int

    /// The control locations: not in the scope; with `.region`, in a region of a scope location.
    static func controlLocations(of initiative: Initiative, among locations: [Location]) -> [String] {
        let scope = Set(initiative.locations)
        let regions = Set(locations.filter { scope.contains($0.code) }.compactMap(\.region))
        return locations.filter { location in
            guard !scope.contains(location.code) else { return false }
            switch initiative.control {
            case .all: return true
            case .region: return location.region.map(regions.contains) ?? false
            }
        }.map(\.code).sorted()
    }

    func effect(of initiative: Initiative, locations: [Location], now: Date) async throws -> InitiativeEffect {
        let metric = MetricID(rawValue: initiative.goalMetric) ?? .nps
        let afterFrom = initiative.start
        let afterTo = min(initiative.end ?? now, now)
        let length = max(0, afterTo.timeIntervalSince(afterFrom))
        let beforeFrom = afterFrom.addingTimeInterval(-length)
        let control = Self.controlLocations(of: initiative, among: locations)
        var effect = InitiativeEffect(
            status: .pending, beforeFrom: beforeFrom, beforeTo: afterFrom, afterFrom: afterFrom, afterTo: max(afterFrom, afterTo),
            controlLocations: control, did: nil, direction: InitiativeEffect.direction(of: metric))
        guard length > 0 else { return effect }
        guard !control.isEmpty else {
            effect.status = .noControl
            return effect
        }
        let scope = Set(initiative.locations)
        let periods = [(beforeFrom, afterFrom), (afterFrom, afterTo)]
        let scans = try await analytics.tally(periods.map { from, to in
            FeedbackQuery(
                from: from, to: to, locations: scope.union(control), services: Set(initiative.services), groupBy: [.location],
                measures: TallyMeasures(metric))
        })
        func split(_ scan: GroupedTallies) -> (treated: Tally, control: Tally) {
            var treated = Tally(), others = Tally()
            for group in scan.groups {
                if scope.contains(group.key[0]) { treated.merge(group.tally) } else { others.merge(group.tally) }
            }
            return (treated, others)
        }
        let (before, after) = (split(scans[0]), split(scans[1]))
        let did = DifferenceInDifferences(
            metric: metric, treatedBefore: before.treated, treatedAfter: after.treated, controlBefore: before.control, controlAfter: after.control,
            minimumN: minimumN)
        effect.did = did
        effect.status = did.estimate == nil ? .insufficient : .measured
        return effect
    }
}
