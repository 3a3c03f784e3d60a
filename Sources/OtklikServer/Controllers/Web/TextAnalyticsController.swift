import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore
import OtklikMetrics
import OtklikStore
import OtklikText

/// `/dissatisfaction` (the dissatisfaction model with compliance beside perceived quality) and `/themes/discovered`
/// (recurring subjects of negative comments no theme covers, for a manager to name and add to the taxonomy).
struct TextAnalyticsController {
    let builder: DissatisfactionBuilder
    let compliance: ComplianceBuilder
    let texts: any TextAnalysisRepository
    let reanalysis: TextReanalysis
    let reference: any ReferenceRepository
    let pages: PageRenderer
    /// The last day with feedback (at a scoped reader's locations): the default period ends there (``DataEndPeriod``).
    var lastData: KPIPagesController.LastData? = nil

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("dissatisfaction", use: dissatisfaction)
        group.get("themes/discovered", use: discovered)
        group.post("themes/discovered", use: addTheme)
    }

    static func percent(_ value: Double?) -> String { value.map { String(format: "%.1f %%", $0) } ?? "—" }
    static func interval(_ share: DissatisfactionModel.ReasonShare) -> String {
        share.interval.map { String(format: "[%.1f; %.1f]", $0.low, $0.high) } ?? ""
    }

    @Sendable func dissatisfaction(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (language, text) = pages.text(for: request)
        var parameters = DissatisfactionController.parameters(request)
        let today = LocalCalendar.day(of: Date(), in: builder.timeZone)
        let last = DataEndPeriod.asked(parameters) ? nil : try await lastData?(context.accessScope.locationCodes)
        let dataEnd = DataEndPeriod.applyInclusive(&parameters, last: last, today: today, text: text)
        let query = try DissatisfactionBuilder.Query(query: parameters, timeZone: builder.timeZone)
        let (report, taxonomy) = try await builder.build(query, scope: context.accessScope)
        let names = try await ReferenceNames.load(reference)
        let themes = Dictionary(taxonomy.themes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func reasonName(_ code: String) -> String {
            guard let theme = themes[code] else { return code }
            return language == "ru" ? theme.nameRu : theme.nameEn
        }
        func cells(_ group: DissatisfactionModel.Group) -> [DissatisfactionPage.Cell] {
            group.reasons.map { DissatisfactionPage.Cell(count: $0.count, share: Self.percent($0.share), ci: Self.interval($0), insufficient: $0.share == nil) }
        }
        let overall = report.overall.reasons.map { share in
            DissatisfactionPage.Reason(
                name: reasonName(share.reason), code: share.reason, count: share.count, share: Self.percent(share.share), ci: Self.interval(share))
        }
        let chart = BarChart(
            title: text["dissatisfaction_chart"] ?? "Reasons of negative comments",
            bars: report.overall.reasons.map { .init(label: reasonName($0.reason), value: $0.share, low: $0.interval?.low, high: $0.interval?.high) }
        ).render()
        let groups = report.groups.map { group in
            DissatisfactionPage.Group(
                name: names.name(query.by, group.key), code: group.key, n: group.n, comments: group.comments, unthemed: group.unthemed,
                cells: cells(group))
        }
        let trendRows = report.trend.map { month in
            DissatisfactionPage.Month(period: month.key, n: month.n, comments: month.comments, cells: cells(month))
        }
        let trendCharts = report.reasons.prefix(3).map { reason in
            let title = "\(text["dissatisfaction_trend_of"] ?? "Monthly share"): \(reasonName(reason))"
            let points = report.trend.map { month -> TrendChart.Point in
                let share = month.reason(reason)
                return TrendChart.Point(label: month.key, value: share?.share, low: share?.interval?.low, high: share?.interval?.high)
            }
            return DissatisfactionPage.TrendChartBlock(title: title, svg: TrendChart(title: title, points: points, scale: 0...100).render())
        }
        let byOptions = DissatisfactionBuilder.dimensions.map { dimension in
            SelectOption(code: dimension.rawValue, label: text[dimension.rawValue] ?? dimension.rawValue, selected: dimension == query.by)
        }
        var page = DissatisfactionPage(
            heading: text["dissatisfaction"] ?? "Dissatisfaction model",
            from: LocalCalendar.label(day: query.fromDay), to: LocalCalendar.label(day: query.toDay), byOptions: byOptions,
            byLabel: text[query.by.rawValue] ?? query.by.rawValue,
            definition: text["definition_dissatisfaction"] ?? DissatisfactionBuilder.definition, hasData: report.overall.n > 0,
            n: report.overall.n, comments: report.overall.comments, unthemed: report.overall.unthemed,
            overall: overall, chart: chart, reasons: report.reasons.map { DissatisfactionPage.ReasonName(name: reasonName($0), code: $0) },
            groups: groups, trend: trendRows, trendCharts: Array(trendCharts),
            minimumNote: String(format: text["dissatisfaction_minimum"] ?? "Shares need n ≥ %d negative comments.", builder.minimumN),
            compliance: try await compliancePanel(query: query, names: names, text: text, scope: context.accessScope))
        page.dataEnd = dataEnd
        return pages.render("dissatisfaction", page: page, title: page.heading, request: request, context: context)
    }

    func compliancePanel(
        query: DissatisfactionBuilder.Query, names: ReferenceNames, text: [String: String], scope: AccessScope
    ) async throws -> CompliancePanel? {
        let weeks = try await compliance.build(by: .week, fromDay: query.fromDay, toDay: query.toDay, scope: scope)
        guard weeks.contains(where: { $0.compliance.n > 0 }) else { return nil }
        func cell(_ value: MetricValue, _ metric: MetricID?) -> FigureCell {
            guard !value.insufficient, let number = value.value else { return FigureCell(text: text["insufficient"] ?? "—", n: value.n, insufficient: true) }
            let shown = metric.map { Format.value($0, number) } ?? String(format: "%.1f", number)
            let ci = value.ciLow.flatMap { low in value.ciHigh.map { String(format: "[%.1f; %.1f]", low, $0) } } ?? ""
            return FigureCell(text: shown, ci: ci, n: value.n)
        }
        func rows(_ items: [ComplianceBuilder.Row], _ dimension: GroupDimension) -> [CompliancePanel.Row] {
            items.map { row in
                CompliancePanel.Row(
                    name: dimension == .week ? row.key : names.name(dimension, row.key), compliance: cell(row.compliance, nil),
                    csat: cell(row.csat, .csat), nps: cell(row.nps, .nps))
            }
        }
        func points(_ value: (ComplianceBuilder.Row) -> MetricValue) -> [TrendChart.Point] {
            weeks.map { TrendChart.Point(label: $0.key, value: value($0).value, low: value($0).ciLow, high: value($0).ciHigh) }
        }
        let staff = try await compliance.build(by: .staff, fromDay: query.fromDay, toDay: query.toDay, scope: scope)
        let locations = try await compliance.build(by: .location, fromDay: query.fromDay, toDay: query.toDay, scope: scope)
        return CompliancePanel(
            weeks: rows(weeks, .week), staff: rows(staff, .staff), locations: rows(locations, .location),
            complianceChart: TrendChart(title: text["compliance_score"] ?? "Compliance", points: points(\.compliance), scale: 0...100).render(),
            csatChart: TrendChart(title: text["csat"] ?? "CSAT", points: points(\.csat), scale: 0...100).render(),
            definition: text["definition_compliance"] ?? ComplianceBuilder.definition)
    }

    /// Comments of the last `days` (default 90).
    static let discoveryDays = 90

    @Sendable func discovered(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderDiscovered(request, context: context, error: nil, added: request.uri.queryParameters.get("added"))
    }

    func renderDiscovered(_ request: Request, context: AppRequestContext, error: OtklikError?, added: String?) async throws -> Response {
        let (language, text) = pages.text(for: request)
        let to = Date()
        let from = to.addingTimeInterval(-Double(Self.discoveryDays) * 86_400)
        let comments = try await texts.comments(from: from, to: to, label: nil, includeText: true).filter { context.accessScope.allows(location: $0.location) }
        let taxonomy = try await texts.taxonomy().taxonomy
        let discovery = ThemeDiscovery(taxonomy: taxonomy)
        var negative: [[String: String]] = []
        var negativeTexts: [String] = []
        var all: [[String: String]] = []
        for comment in comments {
            guard let body = comment.comment else { continue }
            let prepared = PreparedText(body)
            let grams = discovery.candidates(tokens: prepared.tokens, stems: prepared.stems)
            all.append(grams)
            if comment.label == .negative && comment.themes.isEmpty {
                negative.append(grams)
                negativeTexts.append(body)
            }
        }
        let found = discovery.discover(negative: negative, all: all, limit: 20)
        let candidates = found.enumerated().map { index, theme in
            let code = theme.phrase.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == " " }
            let suggested = String(String.UnicodeScalarView(code)).split(separator: " ").joined(separator: "_")
            return DiscoveredThemesPage.Candidate(
                index: index, phrase: theme.phrase, negative: theme.negativeComments, all: theme.allComments,
                score: String(format: "%.1f", theme.score), examples: theme.exampleIndices.map { negativeTexts[$0] },
                code: suggested.isEmpty || !(suggested.first?.isLetter ?? false) ? "theme_\(index + 1)" : suggested)
        }
        var page = DiscoveredThemesPage(
            heading: text["discovered_themes"] ?? "Discovered themes", candidates: candidates, hasCandidates: !candidates.isEmpty,
            negative: negative.count, days: Self.discoveryDays, canEdit: context.permits(.changeConfiguration),
            themes: taxonomy.themes.map {
                DiscoveredThemesPage.Theme(code: $0.id, name: language == "ru" ? $0.nameRu : $0.nameEn, keywords: $0.keywords.joined(separator: ", "))
            })
        page.error = error.map { $0.message + ($0.field.map { " (\($0))" } ?? "") }
        if let added, !added.isEmpty { page.added = added }
        return pages.render(
            "themes-discovered", page: page, title: page.heading, request: request, context: context,
            status: error == nil ? .ok : .unprocessableContent)
    }

    struct NewThemeForm: Decodable {
        var code: String
        var nameRu: String
        var nameEn: String
        var keywords: String

        enum CodingKeys: String, CodingKey { case code, nameRu = "name_ru", nameEn = "name_en", keywords }
    }

    @Sendable func addTheme(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = context.user, user.role != .viewer else { throw OtklikError(.forbidden, "viewers cannot change the themes") }
        let body = try await request.body.collect(upTo: 64 * 1024)
        let form = try URLEncodedFormDecoder().decode(NewThemeForm.self, from: String(buffer: body))
        let keywords = form.keywords.split(whereSeparator: { $0 == "," || $0 == "\n" || $0 == ";" })
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        let current = try await texts.taxonomy().taxonomy
        var themes: [ThemeDraft] = current.themes.map { ($0.id, $0.nameRu, $0.nameEn, $0.keywordsRu, $0.keywordsEn) }
        let probe = Theme(id: form.code, nameRu: form.nameRu, nameEn: form.nameEn, keywords: keywords)
        themes.append((form.code, form.nameRu, form.nameEn, probe.keywordsRu, probe.keywordsEn))
        do {
            let taxonomy = try ThemeTaxonomy.validate(themes: themes)
            try await texts.replaceTaxonomy(taxonomy)
        } catch let error as OtklikError where error.code == .invalidInput {
            return try await renderDiscovered(request, context: context, error: error, added: nil)
        }
        await reanalysis.start()
        let code = form.code.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return Response(status: .seeOther, headers: [.location: "/themes/discovered?added=\(code)"])
    }
}
