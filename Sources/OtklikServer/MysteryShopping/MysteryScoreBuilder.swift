import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore

/// Mystery-shopping scores per location, staff member, checklist item or week (``MysteryScore``), and one time axis
/// with the week's mystery score beside the transcripts' standard compliance and the feedback's CSAT.
struct MysteryScoreBuilder: Sendable {
    enum Dimension: String, CaseIterable {
        case location, staff, item, week
    }

    struct Row: Sendable, Encodable {
        var key: String
        var score: MetricValue
    }

    struct WeekRow: Sendable, Encodable {
        var week: String
        var mystery: MetricValue
        var compliance: MetricValue
        var csat: MetricValue
    }

    let repository: any MysteryShoppingRepository
    let compliance: ComplianceBuilder
    let timeZone: TimeZone
    let minimumN: Int

    func week(of date: Date) -> String {
        LocalCalendar.label(day: LocalCalendar.weekStart(of: LocalCalendar.day(of: date, in: timeZone)))
    }

    /// `scope`: the visits to the scope's locations only.
    func scores(by dimension: Dimension, from: Date?, to: Date?, scope: AccessScope) async throws -> [Row] {
        var groups: [String: [Double]] = [:]
        for report in try await repository.reports(from: from, to: to) where scope.allows(location: report.visit.location) {
            switch dimension {
            case .location: groups[report.visit.location, default: []].append(report.score)
            case .staff: if let staff = report.staff { groups[staff, default: []].append(report.score) }
            case .week: groups[week(of: report.doneAt), default: []].append(report.score)
            case .item: for (code, value) in report.items { groups[code, default: []].append(100 * value) }
            }
        }
        return groups.sorted { $0.key < $1.key }.map { Row(key: $0.key, score: MysteryScore.summary($0.value, minimumN: minimumN)) }
    }

    /// Weeks of [from, to): the mystery score (n visits), compliance (n transcripts) and CSAT (n answers) side by side.
    func timeline(from: Date, to: Date, scope: AccessScope) async throws -> [WeekRow] {
        let mystery = Dictionary(try await scores(by: .week, from: from, to: to, scope: scope).map { ($0.key, $0.score) }, uniquingKeysWith: { first, _ in first })
        let fromDay = LocalCalendar.day(of: from, in: timeZone), toDay = LocalCalendar.day(of: to.addingTimeInterval(-1), in: timeZone)
        let perceived = Dictionary(
            try await compliance.build(by: .week, fromDay: fromDay, toDay: toDay, scope: scope).map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let empty = MetricValue(value: nil, n: 0, ciLow: nil, ciHigh: nil, insufficient: true)
        return Set(mystery.keys).union(perceived.keys).sorted().map { week in
            WeekRow(week: week, mystery: mystery[week] ?? empty, compliance: perceived[week]?.compliance ?? empty, csat: perceived[week]?.csat ?? empty)
        }
    }
}
