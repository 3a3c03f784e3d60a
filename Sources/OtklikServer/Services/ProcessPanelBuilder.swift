import Foundation
import OtklikCore
import OtklikMetrics

/// The dashboard's "process beside perception" panel: contact-centre service level and ASA next to
/// the CSAT and NPS that contact-centre customers gave, week by week (or day by day) on one time axis.
struct ProcessPanelBuilder {
    let analytics: Analytics
    let minimumN: Int
    let text: [String: String]

    func build(_ filters: DashboardFilters, bucket: GroupDimension) async -> [String: Any]? {
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
            [serviceLevel, CallMetric(kind: .asa)], by: callBucket, from: query.from, to: query.to, minimumN: minimumN)
        var perception = query
        perception.channels = [.callCenter]
        let feedback = await analytics.tally(perception)
        let (sl, asa) = (reports[0], reports[1])
        let slByKey = Dictionary(uniqueKeysWithValues: sl.groups.map { ($0.key[callBucket.rawValue] ?? "", $0.value) })
        let asaByKey = Dictionary(uniqueKeysWithValues: asa.groups.map { ($0.key[callBucket.rawValue] ?? "", $0.value) })
        let feedbackByKey = Dictionary(uniqueKeysWithValues: feedback.groups.map { ($0.key.first ?? "", $0.tally) })
        let keys = Set(slByKey.keys).union(feedbackByKey.keys).sorted()
        let rows = keys.map { key -> [String: Any] in
            let tally = feedbackByKey[key] ?? Tally()
            return [
                "period": key,
                "sl": cell(.sl, slByKey[key]), "asa": cell(.asa, asaByKey[key]),
                "csat": cell(.csat, tally.evaluate(.csat, minimumN: minimumN)), "nps": cell(.nps, tally.evaluate(.nps, minimumN: minimumN)),
            ]
        }
        func points(_ values: [String: MetricValue]) -> [TrendChart.Point] {
            keys.map { TrendChart.Point(label: $0, value: values[$0]?.value, low: values[$0]?.ciLow, high: values[$0]?.ciHigh) }
        }
        let csatByKey = feedbackByKey.mapValues { $0.evaluate(.csat, minimumN: minimumN) }
        return [
            "rows": rows,
            "asaChart": TrendChart(title: text["process_asa"] ?? "ASA", points: points(asaByKey), scale: 0...3600).render(),
            "csatChart": TrendChart(title: text["process_csat"] ?? "CSAT", points: points(csatByKey), scale: 0...100).render(),
            "definitions": [MetricText.definition(serviceLevel, text: text), MetricText.definition(CallMetric(kind: .asa), text: text)],
        ]
    }

    func cell(_ kind: CallMetric.Kind, _ value: MetricValue?) -> [String: Any] {
        guard let value, !value.insufficient, let number = value.value else {
            return ["text": text["insufficient"] ?? "—", "n": value?.n ?? 0, "insufficient": true]
        }
        let formatted = kind == .asa ? String(format: "%.1f s", number) : String(format: "%.1f %%", number)
        let interval = value.ciLow.flatMap { low in value.ciHigh.map { String(format: kind == .asa ? "[%.1f; %.1f]" : "[%.1f; %.1f]", low, $0) } } ?? ""
        return ["text": formatted, "ci": interval, "n": value.n, "insufficient": false]
    }

    func cell(_ metric: MetricID, _ value: MetricValue) -> [String: Any] {
        guard !value.insufficient, value.value != nil else { return ["text": text["insufficient"] ?? "—", "n": value.n, "insufficient": true] }
        return ["text": Format.value(metric, value.value), "ci": Format.interval(metric, value), "n": value.n, "insufficient": false]
    }
}
