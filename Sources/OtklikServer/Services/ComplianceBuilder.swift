import Foundation
import OtklikApplication
import OtklikCore
import OtklikMetrics
import OtklikStore

/// Compliance with the conversation standard beside perceived quality: per week (on one time axis), staff member or
/// location, the mean compliance score of the transcripts checked, and the CSAT and NPS of the feedback in that group.
struct ComplianceBuilder: Sendable {
    let texts: any TextAnalysisRepository
    let analytics: Analytics
    let minimumN: Int

    static let dimensions: [GroupDimension] = [.week, .staff, .location]
    static let definition =
        "Compliance = mean over the transcripts started in the group of the staff turns' score (0-100) against the organisation's "
        + "conversation playbook (event 'conversation', else 'complaint'): required phrases found at stem level, minus forbidden words; "
        + "95 % CI Student's t. CSAT and NPS: all feedback of the same group and period"

    struct Row: Sendable, Encodable {
        var key: String
        var compliance: MetricValue
        var csat: MetricValue
        var nps: MetricValue
    }

    /// `scope`: the transcripts and feedback at the scope's locations only (a scoped principal's figures are theirs).
    func build(by dimension: GroupDimension, fromDay: Int32, toDay: Int32, scope: AccessScope) async throws -> [Row] {
        let zone = analytics.timeZone
        let from = DashboardFilters.start(of: fromDay, in: zone), to = DashboardFilters.start(of: toDay + 1, in: zone)
        var sums: [String: (sum: Double, squares: Double, n: Int)] = [:]
        for talk in try await texts.transcripts(from: from, to: to) {
            guard let score = talk.compliance, scope.allows(location: talk.location) else { continue }
            let key: String
            switch dimension {
            case .staff: key = talk.staff ?? ""
            case .location: key = talk.location
            default: key = LocalCalendar.label(day: LocalCalendar.weekStart(of: LocalCalendar.day(of: talk.startedAt, in: zone)))
            }
            var entry = sums[key] ?? (0, 0, 0)
            entry.sum += score
            entry.squares += score * score
            entry.n += 1
            sums[key] = entry
        }
        var query = FeedbackQuery(from: from, to: to, groupBy: [dimension])
        if let codes = scope.locationCodes {
            guard !codes.isEmpty else { return [] }
            query.locations = codes
        }
        let perceived = try await analytics.tally(query)
        let tallies = Dictionary(perceived.groups.map { ($0.key.first ?? "", $0.tally) }, uniquingKeysWith: { first, _ in first })
        let keys = dimension == .week ? Set(sums.keys).union(tallies.keys).sorted() : sums.keys.sorted()
        return keys.map { key in
            let entry = sums[key] ?? (0, 0, 0)
            let insufficient = entry.n < max(minimumN, 1)
            let interval = MeanInterval.t(sum: entry.sum, sumOfSquares: entry.squares, n: entry.n)
            let compliance = MetricValue(
                value: insufficient ? nil : entry.sum / Double(entry.n), n: entry.n,
                ciLow: insufficient ? nil : interval.map { max(0, $0.low) }, ciHigh: insufficient ? nil : interval.map { min(100, $0.high) },
                insufficient: insufficient)
            let tally = tallies[key] ?? Tally()
            return Row(key: key, compliance: compliance, csat: tally.evaluate(.csat, minimumN: minimumN), nps: tally.evaluate(.nps, minimumN: minimumN))
        }
    }
}
