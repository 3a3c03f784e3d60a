import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore

/// Builds the dashboard's view model: KPIs with intervals, trends, tables by slice, weak links.
struct DashboardBuilder {
    let analytics: Analytics
    let names: ReferenceNames
    let minimumN: Int
    let text: [String: String]

    static let tableMetrics: [MetricID] = [.nps, .csat, .ces, .button]
    /// Metrics a weak link is judged on: the integral score and the buttons' positive share.
    static let weakLinkMetrics: [MetricID] = [.nps, .button]

    func build(_ filters: DashboardFilters) async -> [String: Any] {
        let zone = analytics.timeZone
        let main: GroupDimension = filters.location == nil ? .location : .staff
        // Each scan counts only what its part of the page shows: the main table also gives the KPI cards
        // and its weak links; the staff slice serves only weak links (the negative share).
        let tables = TallyMeasures(Self.tableMetrics)
        let slices = await analytics.tally([(main, TallyMeasures.all), (.service, tables), (.channel, tables), (.staff, .flags)].map {
            var query = filters.query(timeZone: zone, groupBy: [$0.0])
            query.measures = $0.1
            return query
        })
        let (byMain, byService, byChannel, byStaff) = (slices[0], slices[1], slices[2], slices[3])
        let overall = byMain.overall
        let bucket = Self.trendBucket(days: filters.days, answers: overall.npsN, minimumN: minimumN)
        var trendQuery = filters.query(timeZone: zone, groupBy: [bucket])
        trendQuery.measures = TallyMeasures([MetricID.nps, .button])
        let trend = await analytics.tally(trendQuery)

        let weak = weakLinks(overall: overall, groups: [(main, byMain)] + (main == .staff ? [] : [(.staff, byStaff)]), filters: filters)
        let weakKeys = Set(weak.map { "\($0["dimension"] as? String ?? "")/\($0["code"] as? String ?? "")/\($0["metricId"] as? String ?? "")" })

        var page: [String: Any] = [
            "heading": filters.location.map { "\(text["location"] ?? ""): \(names.name(.location, $0))" } ?? (text["dashboard"] ?? ""),
            "from": LocalCalendar.label(day: filters.fromDay),
            "to": LocalCalendar.label(day: filters.toDay),
            "selects": selects(filters),
            "kpis": Self.tableMetrics.map { kpi($0, overall) },
            "hasData": overall.count > 0,
            "minimumNote": (text["minimum_n"] ?? "").replacingOccurrences(of: "{n}", with: String(minimumN)),
            "bucketLabel": text[bucket.rawValue] ?? bucket.rawValue,
            "npsChart": chart(.nps, trend),
            "buttonChart": chart(.button, trend),
            "weakLinks": weak,
            "hasWeakLinks": !weak.isEmpty,
            "definitions": Self.tableMetrics.map { MetricText.definition($0, text: text) },
        ]
        page["tables"] = [
            table(main == .location ? "by_location" : "by_staff", main, byMain, filters: filters, weakKeys: weakKeys),
            table("by_service", .service, byService, filters: filters, weakKeys: weakKeys),
            table("by_channel", .channel, byChannel, filters: filters, weakKeys: weakKeys),
        ]
        if filters.location != nil { page["backLink"] = filters.link(setting: "location", to: nil) }
        // The contact-centre panel belongs to the whole network (or the call-centre channel), not to one place or service.
        let networkWide = filters.location == nil && filters.region == nil && filters.service == nil
            && (filters.channel == nil || filters.channel == .callCenter)
        if networkWide, let process = await ProcessPanelBuilder(analytics: analytics, minimumN: minimumN, text: text).build(filters, bucket: bucket) {
            page["process"] = process
        }
        return page
    }

    // MARK: - Parts

    /// Days for up to two months, weeks beyond; months when a week would hold fewer answers than the minimum n on average.
    static func trendBucket(days: Int, answers: Int, minimumN: Int) -> GroupDimension {
        if days <= 62 { return .day }
        return answers / max(1, days / 7) >= minimumN ? .week : .month
    }

    func kpi(_ metric: MetricID, _ tally: Tally) -> [String: Any] {
        let value = tally.evaluate(metric, minimumN: minimumN)
        return [
            "label": text[metric.rawValue] ?? metric.rawValue, "value": Format.value(metric, value.value),
            "ci": Format.interval(metric, value), "n": value.n, "insufficient": value.insufficient,
        ]
    }

    func table(_ captionKey: String, _ dimension: GroupDimension, _ tallies: GroupedTallies, filters: DashboardFilters, weakKeys: Set<String>) -> [String: Any] {
        let rows = tallies.groups.map { group -> [String: Any] in
            let code = group.key.first ?? ""
            var row: [String: Any] = [
                "code": code, "name": names.name(dimension, code, text: text), "count": group.tally.count,
                "cells": Self.tableMetrics.map { metric -> [String: Any] in
                    let value = group.tally.evaluate(metric, minimumN: minimumN)
                    return [
                        "value": Format.value(metric, value.value), "ci": Format.interval(metric, value), "n": value.n,
                        "insufficient": value.insufficient, "weak": weakKeys.contains("\(dimension.rawValue)/\(code)/\(metric.rawValue)"),
                    ]
                },
            ]
            if dimension == .location && !code.isEmpty { row["link"] = filters.link(setting: "location", to: code) }
            return row
        }
        return ["caption": text[captionKey] ?? captionKey, "rows": rows]
    }

    func chart(_ metric: MetricID, _ tallies: GroupedTallies) -> String {
        let points = tallies.groups.map { group -> TrendChart.Point in
            let value = group.tally.evaluate(metric, minimumN: minimumN)
            return TrendChart.Point(label: group.key.first ?? "", value: value.value, low: value.ciLow, high: value.ciHigh)
        }
        let definition = MetricDefinition.of(metric)
        return TrendChart(title: text[metric == .nps ? "trend_nps" : "trend_button"] ?? definition.name, points: points, scale: definition.scale).render()
    }

    /// Groups whose negative share is significantly higher than their peers' (``PeerComparison``: one-sided
    /// two-proportion z-test against all other groups of the same kind, Benjamini-Hochberg at 5 %), worst first.
    func weakLinks(overall: Tally, groups: [(GroupDimension, GroupedTallies)], filters: DashboardFilters) -> [[String: Any]] {
        var found: [(q: Double, row: [String: Any])] = []
        for (dimension, tallies) in groups {
            let candidates = tallies.groups.compactMap { group -> PeerComparison.Group? in
                guard let code = group.key.first, !code.isEmpty else { return nil }
                return PeerComparison.Group(key: code, successes: group.tally.negative, n: group.tally.rated)
            }
            let tallyByCode = Dictionary(tallies.groups.compactMap { group in group.key.first.map { ($0, group.tally) } }, uniquingKeysWith: { a, _ in a })
            for result in PeerComparison.worseThanPeers(candidates, minimumN: minimumN) where result.flagged {
                let value = tallyByCode[result.key]?.evaluate(.negative, minimumN: minimumN) ?? MetricValue(value: nil, n: 0, ciLow: nil, ciHigh: nil, insufficient: true)
                var row: [String: Any] = [
                    "dimension": dimension.rawValue, "code": result.key, "metricId": MetricID.negative.rawValue,
                    "kind": text[dimension.rawValue] ?? dimension.rawValue, "name": names.name(dimension, result.key, text: text),
                    "metric": text["negative"] ?? "negative", "value": Format.value(.negative, 100 * result.share), "n": result.n,
                    "ci": Format.interval(.negative, value), "overall": Format.value(.negative, 100 * result.peerShare),
                    "gap": "+" + Format.value(.negative, 100 * (result.share - result.peerShare)),
                    "q": result.q < 0.001 ? "< 0.001" : String(format: "%.3f", result.q),
                ]
                if dimension == .location { row["link"] = filters.link(setting: "location", to: result.key) }
                found.append((result.q, row))
            }
        }
        return found.sorted { $0.q < $1.q }.prefix(12).map(\.row)
    }

    func selects(_ filters: DashboardFilters) -> [[String: Any]] {
        func options(_ dimension: GroupDimension, _ codes: [String], selected: String?) -> [[String: Any]] {
            codes.map { ["code": $0, "label": names.name(dimension, $0, text: text), "selected": $0 == selected] }
        }
        return [
            ["name": "region", "label": text["region"] ?? "", "options": options(.region, names.codes(.region), selected: filters.region)],
            ["name": "location", "label": text["location"] ?? "", "options": options(.location, names.codes(.location), selected: filters.location)],
            ["name": "service", "label": text["service"] ?? "", "options": options(.service, names.codes(.service), selected: filters.service)],
            ["name": "channel", "label": text["channel"] ?? "",
             "options": options(.channel, Channel.allCases.map(\.rawValue), selected: filters.channel?.rawValue)],
        ]
    }
}
