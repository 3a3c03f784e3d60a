import Foundation
import OtklikApplication
import OtklikCore
import OtklikMetrics

/// The dashboard's "process beside perception" panel: contact-centre service level and ASA of the calls
/// (e-mails and chats wait on another time scale and are left out) next to the CSAT and NPS that callers gave,
/// week by week (or day by day) on one time axis, with the whole period's figures below.
struct ProcessPanelBuilder {
    /// The contacts the panel counts: calls only.
    static let channel = Channel.callCenter

    let analytics: Analytics
    let minimumN: Int
    let text: [String: String]

    func build(_ filters: DashboardFilters, bucket: GroupDimension) async throws -> ProcessPanel? {
        guard await analytics.interactionCount > 0 else { return nil }
        let zone = analytics.timeZone
        let query = filters.query(timeZone: zone, groupBy: [bucket])
        var serviceLevel = CallMetric(kind: .sl)
        serviceLevel.serviceLevel = .offered
        let callBucket: CallDimension = switch bucket {
        case .month: .month
        case .week: .week
        default: .day
        }
        let reports = await analytics.callReports(
            [serviceLevel, CallMetric(kind: .asa)], by: callBucket, from: query.from, to: query.to,
            filter: CallFilter(channels: [Self.channel.rawValue]), minimumN: minimumN)
        var perception = query
        perception.channels = [Self.channel]
        let feedback = try await analytics.tally(perception)
        let (sl, asa) = (reports[0], reports[1])
        let slByKey = Dictionary(uniqueKeysWithValues: sl.groups.map { ($0.label(callBucket.rawValue) ?? "", $0.value) })
        let asaByKey = Dictionary(uniqueKeysWithValues: asa.groups.map { ($0.label(callBucket.rawValue) ?? "", $0.value) })
        let feedbackByKey = Dictionary(uniqueKeysWithValues: feedback.groups.map { ($0.key.first ?? "", $0.tally) })
        let keys = Set(slByKey.keys).union(feedbackByKey.keys).sorted()
        let rows = keys.map { key -> ProcessPanel.Row in
            let tally = feedbackByKey[key] ?? Tally()
            return ProcessPanel.Row(
                period: PageDate.day(key, text: text),
                sl: cell(.sl, slByKey[key]), asa: cell(.asa, asaByKey[key]),
                csat: cell(.csat, tally.evaluate(.csat, minimumN: minimumN)), nps: cell(.nps, tally.evaluate(.nps, minimumN: minimumN)))
        }
        func points(_ values: [String: MetricValue]) -> [TrendChart.Point] {
            keys.map { TrendChart.Point(label: PageDate.day($0, text: text), value: values[$0]?.value, low: values[$0]?.ciLow, high: values[$0]?.ciHigh) }
        }
        let csatByKey = feedbackByKey.mapValues { $0.evaluate(.csat, minimumN: minimumN) }
        let asaPoints = points(asaByKey)
        let total = ProcessPanel.Row(
            period: text["process_whole_period"] ?? "whole period",
            sl: cell(.sl, sl.overall), asa: cell(.asa, asa.overall),
            csat: cell(.csat, feedback.overall.evaluate(.csat, minimumN: minimumN)),
            nps: cell(.nps, feedback.overall.evaluate(.nps, minimumN: minimumN)))
        return ProcessPanel(
            rows: rows, total: total, asaOverall: asa.overall.value,
            asaChart: TrendChart(title: text["process_asa"] ?? "ASA", points: asaPoints, scale: Self.secondsScale(asaPoints)).render(),
            csatChart: TrendChart(title: text["process_csat"] ?? "CSAT", points: points(csatByKey), scale: 0...100).render(),
            definitions: [MetricText.definition(serviceLevel, text: text), MetricText.definition(CallMetric(kind: .asa), text: text)])
    }

    /// From 0 to the top of the series (its intervals included) rounded up to a whole step of 5, 10, 30, 60… s:
    /// the axis follows the data instead of a fixed hour.
    static func secondsScale(_ points: [TrendChart.Point]) -> ClosedRange<Double> {
        let top = points.flatMap { [$0.value, $0.high] }.compactMap { $0 }.max() ?? 0
        guard top > 0 else { return 0...60 }
        let step = [5.0, 10, 30, 60, 300, 600, 1800, 3600, 7200, 21600, 86400].first { top / $0 <= 10 } ?? 86400
        return 0...(max(1, (top / step).rounded(.up)) * step)
    }

    func cell(_ kind: CallMetric.Kind, _ value: MetricValue?) -> FigureCell {
        guard let value, !value.insufficient, let number = value.value else {
            return FigureCell(text: text["insufficient"] ?? "—", n: value?.n ?? 0, insufficient: true)
        }
        let formatted = kind == .asa ? String(format: "%.1f %@", number, text["unit_seconds"] ?? "s") : String(format: "%.1f %%", number)
        let interval = value.ciLow.flatMap { low in value.ciHigh.map { String(format: kind == .asa ? "[%.1f; %.1f]" : "[%.1f; %.1f]", low, $0) } } ?? ""
        return FigureCell(text: formatted, ci: interval, n: value.n, insufficient: false)
    }

    func cell(_ metric: MetricID, _ value: MetricValue) -> FigureCell {
        guard !value.insufficient, value.value != nil else { return FigureCell(text: text["insufficient"] ?? "—", n: value.n, insufficient: true) }
        return FigureCell(text: Format.value(metric, value.value), ci: Format.interval(metric, value), n: value.n, insufficient: false)
    }
}
