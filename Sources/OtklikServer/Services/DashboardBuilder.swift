import Foundation
import OtklikApplication
import OtklikCore
import OtklikMetrics
import OtklikStore

/// Builds the dashboard's view model: KPIs with intervals, trends, tables by slice, weak links.
struct DashboardBuilder {
    let analytics: Analytics
    let names: ReferenceNames
    let minimumN: Int
    let text: [String: String]
    /// The organisation's KPI targets; each card shows the one that applies (``TargetCard``).
    var targets: [KPITarget] = []
    /// The page's language (segment names are stored in Russian and English).
    var language = "en"
    /// The stored segments, for the "Segment" drop-down.
    var segments: [Segment] = []
    /// The chosen segment's slice; its customers are already in the filters' query.
    var slice: SegmentSlice?

    static let tableMetrics: [MetricID] = [.nps, .csat, .ces, .button]
    /// Metrics a weak link is judged on: every integral metric of the tables (``WeakLinkTest``).
    static let weakLinkMetrics: [MetricID] = WeakLinkTest.metrics

    func build(_ filters: DashboardFilters) async throws -> DashboardPage {
        let zone = analytics.timeZone
        let main: GroupDimension = filters.location == nil ? .location : .staff
        // Each scan counts only what its part of the page shows: the main table also gives the KPI cards.
        let tables = TallyMeasures(Self.tableMetrics)
        let slices = try await analytics.tally([(main, TallyMeasures.all), (.service, tables), (.channel, tables), (.kind, .nps)].map {
            var query = filters.query(timeZone: zone, groupBy: [$0.0])
            query.measures = $0.1
            return query
        })
        let (byMain, byService, byChannel, byKind) = (slices[0], slices[1], slices[2], slices[3])
        let overall = byMain.overall
        let bucket = Self.trendBucket(days: filters.days, answers: overall.npsN, minimumN: minimumN)
        var trendQuery = filters.query(timeZone: zone, groupBy: [bucket])
        trendQuery.measures = TallyMeasures(Self.tableMetrics)
        var previousQuery = filters.previous.query(timeZone: zone, groupBy: [])
        previousQuery.measures = TallyMeasures(Self.tableMetrics)
        let trendAndPrevious = try await analytics.tally([trendQuery, previousQuery])
        let (trend, previous) = (trendAndPrevious[0], trendAndPrevious[1].overall)
        let comparison = PeriodComparison(text: text)

        let links = WeakLinkFinder.shown(try await WeakLinkFinder(analytics: analytics, minimumN: minimumN).find(filters), filters: filters)
        let weak = weakLinkRows(links, filters: filters)
        let weakKeys = Self.weakKeys(links)
        let alerts = try await NPSAlertFinder(analytics: analytics).find(filters).prefix(10).map { alert in
            DashboardPage.Alert(
                name: names.name(.location, alert.location), link: filters.link(setting: "location", to: alert.location),
                text: (text["alert_nps_step"] ?? "NPS fell from {before} to {after} since {since} (n = {n}); alarm on {day}")
                    .replacingOccurrences(of: "{before}", with: String(format: "%.1f", alert.baselineNPS))
                    .replacingOccurrences(of: "{after}", with: String(format: "%.1f", alert.recentNPS))
                    .replacingOccurrences(of: "{since}", with: LocalCalendar.label(day: alert.since))
                    .replacingOccurrences(of: "{n}", with: String(alert.recentN))
                    .replacingOccurrences(of: "{day}", with: LocalCalendar.label(day: alert.day)))
        }

        var kpis: [DashboardPage.KPI] = []
        let targetCard = TargetCard(analytics: analytics, names: names, minimumN: minimumN, text: text)
        for metric in Self.tableMetrics {
            var card = kpi(metric, overall)
            card.change = comparison.change(metric, from: previous, to: overall, minimumN: minimumN)
            card.target = try await targetCard.build(
                metric, value: overall.evaluate(metric, minimumN: minimumN), targets: targets, filters: filters)
            card.sparkline = sparkline(metric, trend, bucket: bucket)
            kpis.append(card)
        }

        var page = DashboardPage(
            heading: heading(filters),
            from: LocalCalendar.label(day: filters.fromDay),
            to: LocalCalendar.label(day: filters.toDay),
            selects: selects(filters),
            presets: presets(filters, today: LocalCalendar.day(of: Date(), in: zone)), hasPresets: true,
            previousPeriod: comparison.periodLabel(filters.previous),
            kpis: kpis,
            hasData: overall.count > 0,
            minimumNote: (text["minimum_n"] ?? "").replacingOccurrences(of: "{n}", with: String(minimumN)),
            bucketLabel: text[bucket.rawValue] ?? bucket.rawValue,
            trends: Self.tableMetrics.map { DashboardPage.Trend(title: text["trend_\($0.rawValue)"] ?? $0.rawValue, chart: chart($0, trend)) },
            npsSample: NPSSampleNote(minimumN: minimumN, text: text).build(byKind),
            weakLinks: weak, hasWeakLinks: !weak.isEmpty,
            alerts: Array(alerts), hasAlerts: !alerts.isEmpty,
            definitions: Self.tableMetrics.map { MetricText.definition($0, text: text) })
        page.tables = [
            try await table(main == .location ? "by_location" : "by_staff", main, byMain, filters: filters, weakKeys: weakKeys),
            try await table("by_service", .service, byService, filters: filters, weakKeys: weakKeys),
            try await table("by_channel", .channel, byChannel, filters: filters, weakKeys: weakKeys),
        ]
        if main == .location {
            let ranker = LocationRanker(names: names, minimumN: minimumN, text: text)
            for metric in [MetricID.nps, .csat] {
                // Each ranked location against its own target, as on the table by location (``TargetCard/row``).
                let ranking = try await ranker.rank(metric, byMain, filters: filters) { code, value in
                    try await targetCard.row(metric, value: value, dimension: .location, code: code, targets: targets, filters: filters)
                }
                if let ranking { page.rankings.append(ranking) }
            }
            page.hasRankings = !page.rankings.isEmpty
        }
        if filters.location != nil { page.backLink = filters.link(setting: "location", to: nil) }
        page.segmentLine = segmentLine()
        // The contact-centre panel belongs to the whole network (or the call-centre channel), not to one place or service.
        // A user scoped to some locations does not see it.
        let networkWide = filters.location == nil && filters.region == nil && filters.service == nil && filters.segment == nil
            && (filters.channel == nil || filters.channel == .callCenter) && filters.scopeLocations == nil
        if networkWide, let process = try await ProcessPanelBuilder(analytics: analytics, minimumN: minimumN, text: text).build(filters, bucket: bucket) {
            page.process = process
        }
        return page
    }

    // MARK: - Parts

    /// Days for up to two months, weeks beyond; months when a week would hold fewer answers than the minimum n on average.
    static func trendBucket(days: Int, answers: Int, minimumN: Int) -> GroupDimension {
        if days <= 62 { return .day }
        return answers / max(1, days / 7) >= minimumN ? .week : .month
    }

    func kpi(_ metric: MetricID, _ tally: Tally) -> DashboardPage.KPI {
        let value = tally.evaluate(metric, minimumN: minimumN)
        return DashboardPage.KPI(
            label: text[metric.rawValue] ?? metric.rawValue, value: Format.value(metric, value.value), isNPS: metric == .nps,
            ci: Format.interval(metric, value), n: value.n, insufficient: value.insufficient && value.n > 0, absent: value.n == 0,
            scale: metric == .ces ? text["ces_of_7"] ?? "of 7" : nil)
    }

    /// The period presets as links that keep the other filters; the one matching the chosen period is marked.
    func presets(_ filters: DashboardFilters, today: Int32) -> [DashboardPage.Preset] {
        filters.presets(today: today).map { preset in
            DashboardPage.Preset(
                label: text[preset.key] ?? preset.key, href: preset.filters.link,
                current: preset.filters.fromDay == filters.fromDay && preset.filters.toDay == filters.toDay)
        }
    }

    /// The dashboard's form alone, as entered, with what is wrong with it: no figures are computed.
    func formOnly(_ parameters: [String: String], problem: DashboardFilters.Problem) -> DashboardPage {
        var safe = parameters
        safe["from"] = nil
        safe["to"] = nil
        if case .unknownChannel = problem { safe["channel"] = nil }
        if case .unknownSegment = problem { safe["segment"] = nil }
        let fallback = (try? DashboardFilters(query: safe, timeZone: analytics.timeZone))
        var page = DashboardPage(heading: text["dashboard"] ?? "", from: parameters["from"] ?? "", to: parameters["to"] ?? "")
        page.error = problem.message(text)
        page.errorField = switch problem {
        case .badDate(let field, _): field
        case .unknownChannel: "channel"
        case .unknownSegment: "segment"
        default: "from"
        }
        if let fallback {
            page.selects = selects(fallback)
            // No preset is the current period: the period entered is not valid.
            page.presets = presets(fallback, today: LocalCalendar.day(of: Date(), in: analytics.timeZone)).map {
                var preset = $0
                preset.current = false
                return preset
            }
            page.hasPresets = true
        }
        return page
    }

    /// A table of the metrics by one slice; each cell with its row's target and verdict where one applies
    /// (``TargetCard/row(_:value:dimension:code:targets:filters:)``).
    func table(
        _ captionKey: String, _ dimension: GroupDimension, _ tallies: GroupedTallies, filters: DashboardFilters, weakKeys: Set<String>
    ) async throws -> MetricTable {
        let targetCard = TargetCard(analytics: analytics, names: names, minimumN: minimumN, text: text)
        var rows: [MetricTable.Row] = []
        for group in tallies.groups {
            let code = group.key.first ?? ""
            var cells: [MetricTable.Cell] = []
            for metric in Self.tableMetrics {
                let value = group.tally.evaluate(metric, minimumN: minimumN)
                var cell = MetricTable.Cell(
                    value: Format.value(metric, value.value), ci: Format.interval(metric, value), n: value.n,
                    // n = 0: the metric is not collected there (NPS of a button) — a dash, not "insufficient data".
                    insufficient: value.insufficient && value.n > 0, absent: value.n == 0,
                    weak: weakKeys.contains("\(dimension.rawValue)/\(code)/\(metric.rawValue)"))
                if value.n > 0, !code.isEmpty {
                    cell.target = try await targetCard.row(metric, value: value, dimension: dimension, code: code, targets: targets, filters: filters)
                }
                cells.append(cell)
            }
            rows.append(MetricTable.Row(
                code: code, name: names.name(dimension, code, text: text), count: group.tally.count, cells: cells,
                link: dimension == .location && !code.isEmpty ? filters.link(setting: "location", to: code) : nil))
        }
        var table = MetricTable(caption: text[captionKey] ?? captionKey, rows: rows)
        if rows.contains(where: { $0.cells.contains { $0.target != nil } }) { table.targetBasis = text["target_basis_\(dimension.rawValue)"] }
        return table
    }

    /// A KPI tile's sparkline over the trend's buckets, labelled with its text equivalent: first and last value, lowest
    /// and highest.
    func sparkline(_ metric: MetricID, _ tallies: GroupedTallies, bucket: GroupDimension) -> String? {
        let points = tallies.groups.map { (PageDate.day($0.key.first ?? "", text: text), $0.tally.evaluate(metric, minimumN: minimumN).value) }
        let known = points.compactMap { label, value in value.map { (label, $0) } }
        guard known.count >= 2, let first = known.first, let last = known.last else { return nil }
        let values = known.map(\.1)
        let words = (text["sparkline_text"] ?? "By {bucket}: {first} on {from}, {last} on {to}; lowest {min}, highest {max}; {count} values.")
            .replacingOccurrences(of: "{bucket}", with: (text[bucket.rawValue] ?? bucket.rawValue).lowercased())
            .replacingOccurrences(of: "{first}", with: Format.value(metric, first.1)).replacingOccurrences(of: "{from}", with: first.0)
            .replacingOccurrences(of: "{last}", with: Format.value(metric, last.1)).replacingOccurrences(of: "{to}", with: last.0)
            .replacingOccurrences(of: "{min}", with: Format.value(metric, values.min())).replacingOccurrences(of: "{max}", with: Format.value(metric, values.max()))
            .replacingOccurrences(of: "{count}", with: String(known.count))
        return Sparkline(values: points.map(\.1), scale: MetricDefinition.of(metric).scale, label: words).render()
    }

    func chart(_ metric: MetricID, _ tallies: GroupedTallies) -> String {
        let points = tallies.groups.map { group -> TrendChart.Point in
            let value = group.tally.evaluate(metric, minimumN: minimumN)
            // A week's first day written the page's way ("31 авг. 2026"); a month's key ("2026-08") stays.
            return TrendChart.Point(label: PageDate.day(group.key.first ?? "", text: text), value: value.value, low: value.ciLow, high: value.ciHigh)
        }
        let definition = MetricDefinition.of(metric)
        return TrendChart(title: text["trend_\(metric.rawValue)"] ?? definition.name, points: points, scale: definition.scale).render()
    }

    /// The keys `dimension/code/metric` of the table cells to highlight.
    static func weakKeys(_ links: [WeakLinkFinder.Link]) -> Set<String> {
        Set(links.map { "\($0.dimension.rawValue)/\($0.code)/\($0.finding.metric.rawValue)" })
    }

    /// The weak links as rows, the largest gap (in standard errors) first: who, where, on which metric, the
    /// value with n and interval, the peers' value, the gap in the metric's unit and q.
    func weakLinkRows(_ links: [WeakLinkFinder.Link], filters: DashboardFilters) -> [DashboardPage.WeakLink] {
        links.sorted { ($0.finding.z, $0.code) < ($1.finding.z, $1.code) }.prefix(20).map { link in
            let finding = link.finding, metric = finding.metric
            var row = DashboardPage.WeakLink(
                dimension: link.dimension.rawValue, code: link.code, metricId: metric.rawValue,
                kind: text[link.dimension.rawValue] ?? link.dimension.rawValue, name: names.name(link.dimension, link.code, text: text),
                metric: text[metric.rawValue] ?? metric.rawValue, value: Format.value(metric, finding.value.value), n: finding.value.n,
                ci: Format.interval(metric, finding.value), overall: Format.value(metric, finding.peerValue), peerN: finding.peerN,
                peers: text["weak_peers_\(link.dimension.rawValue)"] ?? "",
                gap: Format.gap(metric, finding.gap, text: text),
                q: finding.q < 0.001 ? "< 0.001" : String(format: "%.3f", finding.q))
            switch link.dimension {
            case .staff:
                if let location = link.location {
                    row.location = location
                    row.locationName = names.name(.location, location, text: text)
                    row.link = filters.link(setting: "location", to: location)
                }
            case .location: row.link = filters.link(setting: "location", to: link.code)
            case .service: row.link = filters.link(setting: "service", to: link.code)
            default: break
            }
            return row
        }
    }

    func selects(_ filters: DashboardFilters) -> [DashboardPage.Select] {
        // A user limited to some locations chooses among theirs: "all" is all of theirs, and says so.
        let mine = filters.scopeLocations == nil ? nil : text["all_of_mine"]
        func select(_ dimension: GroupDimension, _ codes: [String], selected: String?) -> DashboardPage.Select {
            DashboardPage.Select(
                name: dimension.rawValue, label: text[dimension.rawValue] ?? "",
                options: codes.map { DashboardPage.Select.Option(code: $0, label: names.name(dimension, $0, text: text), selected: $0 == selected) },
                allLabel: dimension == .region || dimension == .location ? mine : nil)
        }
        return [
            select(.region, names.codes(.region), selected: filters.region),
            select(.location, names.codes(.location), selected: filters.location),
            select(.service, names.codes(.service), selected: filters.service),
            select(.channel, Channel.allCases.map(\.rawValue), selected: filters.channel?.rawValue),
            DashboardPage.Select(
                name: "segment", label: text["segment"] ?? "Segment",
                options: segments.map { DashboardPage.Select.Option(code: $0.code, label: $0.name(lang: language), selected: $0.code == filters.segment) },
                allLabel: text["all_customers"]),
        ]
    }

    /// "Dashboard", "Location: …", followed by "· Segment: …" when a segment is chosen, so the heading names the slice.
    func heading(_ filters: DashboardFilters) -> String {
        let base = filters.location.map { "\(text["location"] ?? ""): \(names.name(.location, $0))" } ?? (text["dashboard"] ?? "")
        guard let slice else { return base }
        let name = language == "ru" ? slice.reported.nameRu : slice.reported.nameEn
        return "\(base) · \(text["segment"] ?? "Segment"): \(name)"
    }

    /// The chosen segment's size and membership date, or nil without a segment.
    func segmentLine() -> String? {
        guard let reported = slice?.reported else { return nil }
        // "2026-12-04T14:05:09Z" → "4 дек. 2026, 17:05" in the organisation's zone, the page's way of writing a day.
        let asOf = Timestamp.parse(reported.membersAsOf).map { PageDate.moment($0, timeZone: analytics.timeZone, text: text) }
            ?? reported.membersAsOf
        var line = (text["segment_line"] ?? "Customers in the segment: {n}, as of {as_of}; every figure below is of their feedback records.")
            .replacingOccurrences(of: "{n}", with: String(reported.customers)).replacingOccurrences(of: "{as_of}", with: String(asOf))
        if reported.customersInScope != reported.customers {
            line += " " + (text["segment_in_scope"] ?? "{n} of them left a record at your locations.")
                .replacingOccurrences(of: "{n}", with: String(reported.customersInScope))
        }
        return line
    }

    /// The page of a segment under the minimum size: the form and why no figure is shown.
    func withheld(_ filters: DashboardFilters, slice: SegmentSlice) -> DashboardPage {
        var page = DashboardPage(heading: heading(filters), from: LocalCalendar.label(day: filters.fromDay), to: LocalCalendar.label(day: filters.toDay))
        page.selects = selects(filters)
        page.presets = presets(filters, today: LocalCalendar.day(of: Date(), in: analytics.timeZone))
        page.hasPresets = true
        page.segmentLine = segmentLine()
        page.withheld = (text["segment_withheld"] ?? "Too few customers to show figures: {n} < {min}.")
            .replacingOccurrences(of: "{n}", with: String(slice.reported.customersInScope))
            .replacingOccurrences(of: "{min}", with: String(slice.reported.minimumSize))
        return page
    }
}
