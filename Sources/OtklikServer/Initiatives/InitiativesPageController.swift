import Foundation
import Hummingbird
import OtklikCore
import OtklikMetrics
import OtklikStore

/// `/initiatives`: the portfolio ranked by measured improvement per cost, the register and its form;
/// `/initiatives/{id}`: one initiative, its scope, links and the difference-in-differences with n in every cell.
/// Viewers read; admins and managers register.
struct InitiativesPageController {
    let board: InitiativeBoard
    let problems: any ProblemRepository
    let texts: any TextAnalysisRepository
    let pages: PageRenderer
    let timeZone: TimeZone

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("initiatives", use: list)
        group.post("initiatives", use: create)
        group.get("initiatives/{id}", use: detail)
    }

    func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = timeZone
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }

    static func metric(_ code: String) -> MetricID { MetricID(rawValue: code) ?? .nps }

    static func metricName(_ code: String, text: [String: String]) -> String {
        text["initiative_metric_\(code)"] ?? code
    }

    /// "+6.1 [2.3; 9.9]" in the metric's unit.
    static func figure(_ metric: MetricID, _ value: Double?, _ interval: Interval?, text: [String: String]) -> String {
        guard let value else { return "—" }
        let digits = metric == .ces ? 2 : 1
        var result = Format.gap(metric, value, text: text)
        if let interval { result += String(format: " [%.\(digits)f; %.\(digits)f]", interval.low, interval.high) }
        return result
    }

    static func verdictKey(_ verdict: InitiativePortfolio.Verdict) -> String { "initiative_verdict_\(verdict.rawValue)" }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderList(request, context: context, fields: FormFields(""), error: nil)
    }

    func renderList(_ request: Request, context: AppRequestContext, fields: FormFields, error: OtklikError?) async throws -> Response {
        let language = pages.localizer.language(for: request)
        let text = pages.localizer.table(language)
        let names = try await ReferenceNames.load(board.reference)
        let entries = try await board.portfolio(now: Date())
        let titles = Dictionary(try await board.repository.initiatives().map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        let rows = entries.map { entry in
            let metric = Self.metric(entry.metric)
            let did = entry.effect.did
            return InitiativeListPage.Row(
                id: entry.id, href: "/initiatives/\(entry.id)", title: titles[entry.id] ?? entry.id,
                metric: Self.metricName(entry.metric, text: text), rank: entry.rank.map(String.init) ?? "—",
                improvement: Self.figure(metric, entry.effect.improvement, entry.effect.improvementInterval, text: text),
                nTreated: (did?.treatedBefore.n ?? 0) + (did?.treatedAfter.n ?? 0), nControl: (did?.controlBefore.n ?? 0) + (did?.controlAfter.n ?? 0),
                budget: Self.money(entry.budget),
                perCost: entry.perHundredThousand.map { value in
                    Self.figure(metric, value, entry.perHundredThousandInterval, text: text)
                } ?? "—",
                verdict: text[Self.verdictKey(entry.verdict)] ?? entry.verdict.rawValue, ranked: entry.verdict == .ranked,
                status: text["initiative_status_\(entry.effect.status.rawValue)"] ?? entry.effect.status.rawValue)
        }
        func value(_ name: String, _ fallback: String = "") -> String { fields.first(name) ?? fallback }
        let chosenLocations = Set(fields.all("locations")), chosenServices = Set(fields.all("services"))
        let chosenProblems = Set(fields.all("problems")), chosenThemes = Set(fields.all("themes"))
        let taxonomy = try await texts.taxonomy().taxonomy
        let openProblems = try await problems.problems(status: nil)
        let page = InitiativeListPage(
            rows: rows, hasRows: !rows.isEmpty, count: rows.count, canAct: context.permits(.changeConfiguration),
            error: error.map { error in
                // The owner here is a name, not the staff member the shared sentence asks for.
                error.field == "owner" ? (text["initiative_error_owner"] ?? error.message) : ErrorText.message(error, text: text, language: language)
            },
            form: InitiativeListPage.Form(
                id: value("id"), title: value("title"), owner: value("owner"), budget: value("budget"), start: value("start"), end: value("end")),
            metrics: Initiative.goalMetrics.map { SelectOption(code: $0, label: Self.metricName($0, text: text), selected: $0 == value("goal_metric", "nps")) },
            controls: Initiative.Control.allCases.map {
                SelectOption(
                    code: $0.rawValue, label: text["initiative_control_\($0.rawValue)"] ?? $0.rawValue, selected: $0.rawValue == value("control", "region"))
            },
            locations: names.codes(.location).map { .init(code: $0, label: names.name(.location, $0), checked: chosenLocations.contains($0)) },
            services: names.codes(.service).map { .init(code: $0, label: names.name(.service, $0), checked: chosenServices.contains($0)) },
            problems: openProblems.map {
                .init(code: $0.id, label: "\($0.id): \(names.name(.location, $0.location)) · \($0.theme)", checked: chosenProblems.contains($0.id))
            },
            hasProblems: !openProblems.isEmpty,
            themes: taxonomy.themes.map { .init(code: $0.id, label: language == "ru" ? $0.nameRu : $0.nameEn, checked: chosenThemes.contains($0.id)) })
        return pages.render(
            "initiatives", page: page, title: text["initiatives"] ?? "Initiatives", request: request, context: context,
            status: error == nil ? .ok : .unprocessableContent)
    }

    static func money(_ amount: Int64) -> String {
        let digits = String(amount)
        var grouped = ""
        for (index, character) in digits.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { grouped.append("\u{202F}") }
            grouped.append(character)
        }
        return String(grouped.reversed())
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = context.user, user.role != .viewer else { throw OtklikError(.forbidden, "viewers cannot register initiatives") }
        let body = try await request.body.collect(upTo: 256 * 1024)
        let fields = FormFields(String(buffer: body))
        func text(_ name: String) -> String { (fields.first(name) ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        do {
            let budgetText = text("budget").replacingOccurrences(of: " ", with: "")
            guard budgetText.isEmpty || Int64(budgetText) != nil else { throw OtklikError.invalid("budget", "budget is a whole amount, 0 or more") }
            let input = InitiativeInput(
                id: text("id"), title: text("title"), owner: text("owner"), goalMetric: text("goal_metric"), locations: fields.all("locations"),
                services: fields.all("services"), budget: Int64(budgetText) ?? 0, start: text("start"), end: text("end"), control: text("control"),
                problems: fields.all("problems"), themes: fields.all("themes"))
            let initiative = try input.initiative(timeZone: timeZone)
            _ = try await board.repository.create([initiative], now: Date())
            return Response(status: .seeOther, headers: [.location: "/initiatives/\(initiative.id)"])
        } catch let error as OtklikError where error.code == .invalidInput || error.code == .conflict {
            var shown = error
            shown.field = shown.field.map { $0.hasPrefix("items[0].") ? String($0.dropFirst("items[0].".count)) : $0 }
            return try await renderList(request, context: context, fields: fields, error: shown)
        }
    }

    @Sendable func detail(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = pages.localizer.language(for: request)
        let text = pages.localizer.table(language)
        let (initiative, effect) = try await board.measured(id: try context.parameters.require("id"), now: Date())
        let names = try await ReferenceNames.load(board.reference)
        let metric = Self.metric(initiative.goalMetric)
        let taxonomy = try await texts.taxonomy().taxonomy
        let themeNames = Dictionary(taxonomy.themes.map { ($0.id, language == "ru" ? $0.nameRu : $0.nameEn) }, uniquingKeysWith: { first, _ in first })
        let digits = metric == .ces ? 2 : 1
        func cell(_ cell: DifferenceInDifferences.Cell?) -> FigureCell {
            guard let cell, cell.sufficient, let value = cell.value else {
                return FigureCell(text: "—", ci: text["initiative_too_few"] ?? "", n: cell?.n ?? 0, insufficient: true)
            }
            let half = Normal.z95 * (cell.variance ?? 0).squareRoot()
            return FigureCell(
                text: String(format: "%.\(digits)f", value), ci: String(format: "[%.\(digits)f; %.\(digits)f]", value - half, value + half), n: cell.n)
        }
        let did = effect.did
        func change(_ after: DifferenceInDifferences.Cell?, _ before: DifferenceInDifferences.Cell?) -> String {
            guard let a = after?.value, let b = before?.value, after?.sufficient == true, before?.sufficient == true else { return "—" }
            return Format.gap(metric, a - b, text: text)
        }
        let entry = InitiativePortfolio.rank([(initiative.id, initiative.goalMetric, initiative.budget, effect)])[0]
        let page = InitiativePage(
            id: initiative.id, title: initiative.title, owner: initiative.owner,
            metric: Self.metricName(initiative.goalMetric, text: text),
            definition: MetricText.definition(metric, text: text)["text"] ?? "",
            locations: initiative.locations.map { names.name(.location, $0) }.joined(separator: ", "),
            services: initiative.services.isEmpty
                ? (text["initiative_all_services"] ?? "") : initiative.services.map { names.name(.service, $0) }.joined(separator: ", "),
            budget: Self.money(initiative.budget), start: day(initiative.start), end: initiative.end.map(day) ?? (text["initiative_running"] ?? ""),
            control: text["initiative_control_\(initiative.control.rawValue)"] ?? initiative.control.rawValue,
            controlLocations: effect.controlLocations.map { names.name(.location, $0) }.joined(separator: ", "),
            hasControl: !effect.controlLocations.isEmpty,
            problems: initiative.problems.map { InitiativePage.Link(text: $0, href: "/problems/\($0)") }, hasProblems: !initiative.problems.isEmpty,
            themes: initiative.themes.map { themeNames[$0] ?? $0 }.joined(separator: ", "), hasThemes: !initiative.themes.isEmpty,
            journeyStages: initiative.journeyStages.map { InitiativePage.Link(text: $0, href: "/journeys/\($0.split(separator: "/").first ?? "")") },
            hasJourneyStages: !initiative.journeyStages.isEmpty,
            status: text["initiative_status_\(effect.status.rawValue)"] ?? effect.status.rawValue,
            before: "\(day(effect.beforeFrom)) – \(day(effect.beforeTo.addingTimeInterval(-1)))",
            after: effect.afterTo > effect.afterFrom ? "\(day(effect.afterFrom)) – \(day(effect.afterTo.addingTimeInterval(-1)))" : "—",
            treatedBefore: cell(did?.treatedBefore), treatedAfter: cell(did?.treatedAfter),
            controlBefore: cell(did?.controlBefore), controlAfter: cell(did?.controlAfter),
            treatedChange: change(did?.treatedAfter, did?.treatedBefore), controlChange: change(did?.controlAfter, did?.controlBefore),
            effect: Self.figure(metric, did?.estimate, did?.interval, text: text),
            verdict: text[Self.verdictKey(entry.verdict)] ?? entry.verdict.rawValue,
            perCost: entry.perHundredThousand.map { Self.figure(metric, $0, entry.perHundredThousandInterval, text: text) } ?? "—",
            measured: did != nil,
            se: did?.standardError.map { String(format: "%.\(digits + 1)f", $0) })
        return pages.render("initiative", page: page, title: "\(text["initiative"] ?? "Initiative") \(initiative.id)", request: request, context: context)
    }
}
