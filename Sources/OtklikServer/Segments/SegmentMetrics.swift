import Foundation
import OtklikApplication
import OtklikCore
import OtklikMetrics

/// The feedback metrics by segment (issue 18 item 7): `segment=CODE` computes a metric on the records of the segment's
/// members — the engine's customer filter (``FeedbackQuery/customers``), beside every other filter, so the definitions,
/// n and intervals are the metric's own — and `by=segment` one row per segment at or above the minimum size, the others
/// listed in `suppressed` with the reason. Used by `GET /api/v1/metrics` and `otklik metrics --segment`.
public struct SegmentMetrics: Sendable {
    let analytics: Analytics
    let slicer: SegmentSlicer

    public init(analytics: Analytics, slicer: SegmentSlicer) {
        self.analytics = analytics
        self.slicer = slicer
    }

    /// Whether the parameters ask for a segment: `segment=CODE`, or `segment` among `by`.
    public static func asks(_ parameters: [String: String]) -> Bool {
        !(parameters["segment"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty || byList(parameters).contains("segment")
    }

    static func byList(_ parameters: [String: String]) -> [String] {
        (parameters["by"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The report; `scope` is a caller's locations (nil for the whole organisation), already applied to `location` by the
    /// caller, and here the set whose customers the minimum size counts.
    public func report(_ parameters: [String: String], scope: Set<String>?, minimumN: Int, now: Date = Date()) async throws -> MetricReport {
        guard !analytics.feedbackIsExternal else {
            throw OtklikError.invalid(
                "segment", "figures by segment need the in-process analytics engine; this server answers feedback metrics from ClickHouse, whose facts carry no customer")
        }
        let by = Self.byList(parameters)
        let code = (parameters["segment"] ?? "").trimmingCharacters(in: .whitespaces)
        let bySegment = by.contains("segment")
        if bySegment && !code.isEmpty {
            throw OtklikError.invalid("by", "by=segment gives every segment's row; with segment=\(code) ask without by=segment, or by another dimension")
        }
        var rest = parameters
        rest["segment"] = nil
        rest["by"] = by.filter { $0 != "segment" }.joined(separator: ",")
        if bySegment && by.count > 2 { throw OtklikError.invalid("by", "at most one dimension beside segment") }
        let parsed = try MetricQueryParser(timeZone: analytics.timeZone).parse(rest)
        let minimum = parsed.minimumN ?? minimumN
        var query = parsed.query
        query.measures = TallyMeasures(parsed.metric)
        let sample = query.kinds == [.surveyResponse] ? "survey responses" : MetricReport.spontaneousSample
        if !bySegment {
            let slice = try await slicer.slice(code: code, scope: scope, now: now)
            var report: MetricReport
            if slice.shown {
                query.customers = slice.customers
                report = MetricReport(metric: parsed.metric, tallies: try await analytics.tally(query), minimumN: minimum, sample: sample)
            } else {
                report = MetricReport(
                    metric: parsed.metric, tallies: GroupedTallies(dimensions: query.groupBy, groups: [], overall: Tally()), minimumN: minimum,
                    sample: sample)
                report.overall = MetricValue(value: nil, n: 0, ciLow: nil, ciHigh: nil, insufficient: true)
                report.notes.append("figures withheld: \(slice.reported.withheld ?? "")")
            }
            report.segment = slice.reported
            return report
        }
        let slices = try await slicer.slices(scope: scope, now: now)
        let shown = slices.filter(\.shown)
        var overallQuery = query
        overallQuery.groupBy = []
        let tallies = try await analytics.tally([overallQuery] + shown.map { slice in
            var sliced = query
            sliced.customers = slice.customers
            return sliced
        })
        var report = MetricReport(metric: parsed.metric, tallies: tallies[0], minimumN: minimum, sample: sample)
        report.dimensions = by
        report.groups = zip(shown, tallies.dropFirst()).flatMap { slice, tally -> [MetricReport.Group] in
            let part = MetricReport(metric: parsed.metric, tallies: tally, minimumN: minimum, sample: sample)
            if query.groupBy.isEmpty { return [MetricReport.Group(key: ["segment": slice.code], value: part.overall)] }
            return part.groups.map { group in
                var keyed = group
                keyed.key["segment"] = slice.code
                return keyed
            }
        }
        report.suppressed = slices.filter { !$0.shown }.map {
            SuppressedGroup(key: ["segment": $0.code], customers: $0.reported.customersInScope, reason: $0.reported.withheld ?? "")
        }
        for slice in slices where !slice.shown {
            report.notes.append("not shown: \(slice.code) — \(slice.reported.withheld ?? "")")
        }
        report.notes.append(
            "segments as of \(slices.first?.reported.membersAsOf ?? SegmentSlicer.iso(now)); a customer in two segments counts in both rows; "
                + "overall is every record the other filters select, in a segment or not")
        return report
    }
}
