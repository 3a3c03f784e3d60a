import Foundation
import Hummingbird
import OtklikCore
import OtklikMetrics
import OtklikStore

/// `/journeys`: the journeys; `/journeys/{code}`: one journey's map, its stages' figures, the gaps ranked and the paths
/// customers took. Both read-only (journeys are written through the API and `otklik journeys import`).
struct JourneysPageController {
    let board: JourneyBoard
    let reference: any ReferenceRepository
    let pages: PageRenderer
    let timeZone: TimeZone
    /// The last day with feedback: the default period ends there when it is before today (``DataEndPeriod``).
    var lastData: KPIPagesController.LastData? = nil

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("journeys", use: list)
        group.get("journeys/{code}", use: detail)
    }

    func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = timeZone
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }

    static func ownerName(_ owner: JourneyOwner, names: ReferenceNames, text: [String: String]) -> String {
        switch owner.kind {
        case .staff: "\(names.name(.staff, owner.id)) (\(text["journey_owner_staff"] ?? "staff") \(owner.id))"
        case .user: "\(owner.id) (\(text["journey_owner_user"] ?? "user"))"
        }
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = pages.localizer.language(for: request)
        let text = pages.localizer.table(language)
        let names = try await ReferenceNames.load(reference)
        let rows = try await board.repository.journeys().map { journey in
            JourneysPage.Row(
                code: journey.code, href: "/journeys/\(journey.code)", name: journey.name(language),
                owner: Self.ownerName(journey.owner, names: names, text: text),
                stages: journey.stages.map { $0.name(language) }.joined(separator: " → "),
                status: text[journey.active ? "journey_active" : "journey_inactive"] ?? "")
        }
        return pages.render(
            "journeys", page: JourneysPage(rows: rows, hasRows: !rows.isEmpty, count: rows.count), title: text["journeys"] ?? "Journeys",
            request: request, context: context)
    }

    static func number(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }

    static func figure(_ value: Double?, _ interval: Interval?, n: Int, digits: Int, unit: String, text: [String: String], minimumN: Int) -> JourneyPage.Figure {
        guard let value else {
            return JourneyPage.Figure(value: "—", ci: n > 0 ? (text["journey_too_few"] ?? "").replacingOccurrences(of: "{n}", with: String(minimumN)) : "", n: n)
        }
        let ci = interval.map { "[\(number($0.low, digits)); \(number($0.high, digits))]" } ?? ""
        return JourneyPage.Figure(value: number(value, digits) + unit, ci: ci, n: n)
    }

    @Sendable func detail(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = pages.localizer.language(for: request)
        let text = pages.localizer.table(language)
        let journey = try await board.journey(try context.parameters.require("code"))
        var query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { _, last in last })
        let today = LocalCalendar.day(of: Date(), in: timeZone)
        let last = DataEndPeriod.asked(query) ? nil : try await lastData?(nil)
        let dataEnd = DataEndPeriod.applyInclusive(&query, last: last, today: today, text: text)
        var periodError: String?
        var period: (from: Date, to: Date, asOf: Date)
        do {
            period = try JourneyBoard.period(from: query["from"], to: query["to"], asOf: nil, timeZone: timeZone, now: Date())
        } catch {
            periodError = ErrorText.message(error, text: text, language: language)
            period = try JourneyBoard.period(from: nil, to: nil, asOf: nil, timeZone: timeZone, now: Date())
        }
        let analysis = try await board.analysis(of: journey, from: period.from, to: period.to, asOf: period.asOf)
        let names = try await ReferenceNames.load(reference)
        let stageNames = journey.stages.map { $0.name(language) }
        let minimumN = analysis.minimumN
        func fig(_ value: Double?, _ interval: Interval?, _ n: Int, _ digits: Int, _ unit: String) -> JourneyPage.Figure {
            Self.figure(value, interval, n: n, digits: digits, unit: unit, text: text, minimumN: minimumN)
        }
        let none = JourneyPage.Figure(value: text["journey_last_stage"] ?? "—", ci: "", n: 0, hasN: false)
        let stages = zip(journey.stages, analysis.stages).map { stage, figures in
            JourneyPage.Stage(
                number: figures.stage + 1, code: stage.code, name: stage.name(language), expectation: stage.expectation, volume: figures.volume,
                customers: figures.customers,
                satisfaction: fig(figures.satisfaction.value, figures.satisfaction.interval, figures.satisfaction.n, 1, " %"),
                effort: fig(figures.effort.value, figures.effort.interval, figures.effort.n, 2, ""),
                dropOff: figures.dropOff.map { fig($0.value, $0.interval, $0.n, 1, " %") } ?? none,
                hoursToNext: figures.hoursToNext.map { fig($0.value, $0.interval, $0.n, 1, text["journey_hours_unit"] ?? " h") } ?? none,
                censored: figures.censored)
        }
        // The map: one row per channel that has a touchpoint, in the channels' order.
        let channels = Channel.allCases.filter { channel in journey.stages.contains { $0.touchpoints.contains { $0.channel == channel } } }
        let rows = channels.map { channel in
            JourneyMapSVG.Row(
                label: text["channel_\(channel.rawValue)"] ?? channel.rawValue,
                cells: journey.stages.map { stage in
                    let points = stage.touchpoints.filter { $0.channel == channel }
                    guard !points.isEmpty else { return nil }
                    return points.compactMap(\.service).map { names.name(.service, $0) }.joined(separator: ", ")
                })
        }
        let mapFigures = stages.map(\.satisfaction.value)
        let map = JourneyMapSVG(
            title: "\(text["journey_map"] ?? "Journey map"): \(journey.name(language))",
            description: (text["journey_map_desc"] ?? "").replacingOccurrences(of: "{stages}", with: stageNames.joined(separator: " → ")),
            stages: stageNames, rows: rows, figures: mapFigures, figureLabel: text["journey_satisfaction_short"] ?? "CSAT")
        let mapRows = rows.map { row in
            JourneyPage.MapRow(label: row.label, cells: row.cells.map { cell in cell.map { $0.isEmpty ? "●" : "● \($0)" } ?? "—" })
        }
        let gapUnit = text["journey_points"] ?? " pp"
        let gaps = analysis.gaps.enumerated().map { index, gap in
            JourneyPage.Gap(
                rank: index + 1, stage: stageNames[gap.stage], gap: Self.number(gap.gap, 1) + gapUnit,
                ci: gap.interval.map { "[\(Self.number($0.low, 1)); \(Self.number($0.high, 1))]" } ?? "", n: gap.n)
        }
        let gapReference: String
        if let target = journey.satisfactionTarget {
            gapReference = (text["journey_gap_from_target"] ?? "").replacingOccurrences(of: "{target}", with: Self.number(target, 1))
        } else {
            gapReference = text["journey_gap_from_best"] ?? ""
        }
        let paths = analysis.paths
        let edgeLabel = text["journey_edge_label"] ?? "{from} → {to}: {count}"
        let svgEdges = paths.edges.map { edge in
            JourneyPathsSVG.Edge(
                from: edge.from, to: edge.to, count: edge.count,
                label: edgeLabel.replacingOccurrences(of: "{from}", with: stageNames[edge.from]).replacingOccurrences(of: "{to}", with: stageNames[edge.to])
                    .replacingOccurrences(of: "{count}", with: String(edge.count)))
        }
        let pathsSVG = JourneyPathsSVG(
            title: text["journey_discovered"] ?? "Discovered paths",
            description: (text["journey_paths_desc"] ?? "").replacingOccurrences(of: "{customers}", with: String(paths.customersWithTwoOrMore)),
            stages: stageNames, edges: svgEdges)
        let target = journey.satisfactionTarget.map { "CSAT ≥ \(Self.number($0, 1)) %" } ?? (text["journey_no_target"] ?? "—")
        var page = JourneyPage(
            code: journey.code, name: journey.name(language), owner: Self.ownerName(journey.owner, names: names, text: text),
            northStar: journey.northStar, target: target, status: text[journey.active ? "journey_active" : "journey_inactive"] ?? "",
            from: day(analysis.from), to: day(analysis.to.addingTimeInterval(-1)),
            period: PageDate.period(day(analysis.from), day(analysis.to.addingTimeInterval(-1)), text: text), windowDays: analysis.windowDays, minimumN: minimumN,
            mapSVG: map.render(), stageNames: stageNames, mapRows: mapRows, stages: stages, gaps: gaps, hasGaps: !gaps.isEmpty,
            gapReference: gapReference, designed: stageNames.joined(separator: " → "), pathsSVG: pathsSVG.render(), customers: paths.customers,
            customersWithTwoOrMore: paths.customersWithTwoOrMore,
            edges: paths.edges.map { edge in
                JourneyPage.Edge(from: stageNames[edge.from], to: stageNames[edge.to], count: edge.count, customers: edge.customers, backward: edge.to < edge.from)
            },
            hasEdges: !paths.edges.isEmpty,
            paths: paths.top.map { path in
                JourneyPage.Path(stages: path.stages.map { stageNames[$0] }.joined(separator: " → "), customers: path.customers, share: Self.number(path.share, 1) + " %")
            },
            error: periodError)
        page.dataEnd = dataEnd
        return pages.render("journey", page: page, title: "\(text["journey"] ?? "Journey"): \(journey.name(language))", request: request, context: context)
    }
}
