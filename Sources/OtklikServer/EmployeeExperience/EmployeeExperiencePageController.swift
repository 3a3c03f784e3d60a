import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore
import OtklikMetrics
import OtklikStore

/// `/employee-experience`: attrition by location over a period (`?from=&to=`, the last twelve months by default) and
/// the pulse surveys to staff. Those who change the configuration create a survey, start it — the page then lists
/// every staff member's one-time link, this once, to hand out — issue the links again, and close it; the eNPS
/// breakdown appears once a survey is closed. Organisation-wide users only (a scoped user is refused, as for every
/// page that does not filter by location): the breakdown's anonymity rests on seeing all of it.
struct EmployeeExperiencePageController {
    let reference: any ReferenceRepository
    let pulse: any PulseSurveyRepository
    let pages: PageRenderer
    let publicURL: String?
    let analytics: Analytics
    let minimumN: Int

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("employee-experience", use: page)
        group.post("employee-experience/pulse", use: create)
        group.post("employee-experience/pulse/{code}/start", use: start)
        group.post("employee-experience/pulse/{code}/links", use: links)
        group.post("employee-experience/pulse/{code}/close", use: close)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await render(request, context: context, links: nil, error: nil)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 * 1024)
        let fields = FormFields(String(buffer: body))
        do {
            guard let grouping = PulseSurvey.Grouping(rawValue: fields.first("grouping") ?? "location") else {
                throw OtklikError.invalid("grouping", "grouping must be location or team")
            }
            let code = (fields.first("code") ?? "").trimmingCharacters(in: .whitespaces)
            if try await pulse.survey(code: code) != nil {
                throw OtklikError(.conflict, "a pulse survey with code '\(code)' already exists", field: "code")
            }
            _ = try await pulse.save(
                PulseSurvey(
                    code: code, title: fields.first("title") ?? "", grouping: grouping,
                    minimumGroup: Int(fields.first("minimum_group") ?? "") ?? PulseSurvey.smallestMinimumGroup), now: Date())
        } catch let error as OtklikError where error.code == .invalidInput || error.code == .conflict {
            return try await render(request, context: context, links: nil, error: error, status: .unprocessableContent)
        }
        return Response(status: .seeOther, headers: [.location: "/employee-experience#pulse"])
    }

    @Sendable func start(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        do {
            let made = try await pulse.start(code: code, locations: nil, today: PulseSurveyController.today(), now: Date())
            return try await render(request, context: context, links: (code, made), error: nil)
        } catch let error as OtklikError where error.code == .invalidInput || error.code == .conflict {
            return try await render(request, context: context, links: nil, error: error, status: .conflict)
        }
    }

    @Sendable func links(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        do {
            return try await render(request, context: context, links: (code, try await pulse.reissue(code: code)), error: nil)
        } catch let error as OtklikError where error.code == .conflict {
            return try await render(request, context: context, links: nil, error: error, status: .conflict)
        }
    }

    @Sendable func close(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        do {
            _ = try await pulse.close(code: code, now: Date())
        } catch let error as OtklikError where error.code == .conflict {
            return try await render(request, context: context, links: nil, error: error, status: .conflict)
        }
        return Response(status: .seeOther, headers: [.location: "/employee-experience#pulse-\(code)"])
    }

    /// The last twelve months: from the first day of the month eleven months back to today (UTC).
    static func defaultPeriod(today: String) -> (from: String, to: String) {
        let day = LocalCalendar.day(parsing: today) ?? 0
        return (LocalCalendar.label(monthIndex: LocalCalendar.monthIndex(of: day) - 11) + "-01", today)
    }

    func render(
        _ request: Request, context: AppRequestContext, links: (String, [PulseInvitationLink])?, error: OtklikError?,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (language, text) = pages.text(for: request)
        let query = request.uri.queryParameters
        let fallback = Self.defaultPeriod(today: PulseSurveyController.today())
        let from = query["from"].map(String.init).flatMap { CalendarDay.validDate($0) } ?? fallback.from
        var to = query["to"].map(String.init).flatMap { CalendarDay.validDate($0) } ?? fallback.to
        if to < from { to = from }
        let staff = try await reference.staff()
        let names = Dictionary(uniqueKeysWithValues: try await reference.locations().map { ($0.code, $0.name) })
        let attrition = try Attrition.compute(staff: staff, from: from, to: to, by: .location)
        func name(_ code: String?, grouping: PulseSurvey.Grouping = .location) -> String {
            guard let code else { return text[grouping == .location ? "ex_no_location" : "ex_no_team"] ?? "—" }
            return grouping == .location ? names[code] ?? code : code
        }
        func row(_ figure: Attrition.Figure, _ label: String) -> EmployeeExperiencePage.AttritionRow {
            EmployeeExperiencePage.AttritionRow(
                name: label, opening: figure.opening, closing: figure.closing, hires: figure.hires, leavers: figure.leavers,
                average: Self.decimal(figure.averageHeadCount, 1, language), rate: figure.rate.map { Self.decimal($0, 1, language) + " %" } ?? "—")
        }
        let canConfigure = context.permits(.changeConfiguration)
        var surveys: [EmployeeExperiencePage.Survey] = []
        for survey in try await pulse.surveys() {
            guard let tally = try await pulse.tally(code: survey.code) else { continue }
            let invited = tally.invitedByGroup.values.reduce(0, +)
            var results: EmployeeExperiencePage.Results?
            var customerLink: EmployeeExperiencePage.CustomerLink?
            if let link = try await EmployeeCustomerLink.compute(tally, analytics: analytics, minimumN: minimumN), !link.lines.isEmpty {
                func show(_ figure: EmployeeCustomerLink.Figure, percent: Bool) -> String {
                    guard let value = figure.value else { return (text["card_too_few"] ?? "—").replacingOccurrences(of: "{n}", with: String(minimumN)) }
                    let interval = [figure.low, figure.high].compactMap { $0 }.map { StaffCardController.figure($0, percent: percent, language) }
                    return StaffCardController.figure(value, percent: percent, language) + " [" + interval.joined(separator: " … ") + "], n = \(figure.n)"
                }
                customerLink = EmployeeExperiencePage.CustomerLink(
                    month: link.month, customerMonth: link.customerMonth,
                    lines: link.lines.map { line in
                        EmployeeExperiencePage.LinkLine(
                            name: name(line.location), enps: show(line.enps, percent: false), nps: show(line.nps, percent: false),
                            csat: show(line.csat, percent: true))
                    })
            }
            if survey.status == .closed {
                let computed = PulseResults.compute(answers: tally.answers, invited: tally.invitedByGroup, minimumGroup: survey.minimumGroup)
                results = Self.results(computed, name: { name($0, grouping: survey.grouping) }, text: text, language: language)
            }
            let base = "/employee-experience/pulse/\(survey.code)"
            surveys.append(
                EmployeeExperiencePage.Survey(
                    code: survey.code, headingID: "pulse-\(survey.code)", title: survey.title, status: text["ex_status_\(survey.status.rawValue)"] ?? survey.status.rawValue,
                    grouping: text["ex_grouping_\(survey.grouping.rawValue)"] ?? survey.grouping.rawValue, minimum: survey.minimumGroup, invited: invited,
                    answered: tally.answered, results: results, customerLink: customerLink, openNote: survey.status == .open ? text["ex_open_note"] : nil,
                    startAction: canConfigure && survey.status == .draft ? base + "/start" : nil,
                    linksAction: canConfigure && survey.status == .open ? base + "/links" : nil,
                    closeAction: canConfigure && survey.status == .open ? base + "/close" : nil))
        }
        var shownLinks: [EmployeeExperiencePage.Link]?
        if let (code, made) = links {
            let grouping = try await pulse.survey(code: code)?.grouping ?? .location
            shownLinks = made.map { link in
                EmployeeExperiencePage.Link(name: link.name, group: name(link.group, grouping: grouping), url: (publicURL ?? "") + "/pulse/" + link.token)
            }
        }
        let page = EmployeeExperiencePage(
            from: from, to: to, attrition: attrition.groups.map { row($0, name($0.group)) }, attritionTotal: row(attrition.total, text["ex_total"] ?? "Total"),
            hasAttrition: !staff.isEmpty,
            withoutHiringDate: attrition.withoutHiringDate > 0
                ? (text["ex_without_hiring_date"] ?? "{n} staff have no hiring date").replacingOccurrences(of: "{n}", with: String(attrition.withoutHiringDate)) : nil,
            surveys: surveys, hasSurveys: !surveys.isEmpty, canConfigure: canConfigure, links: shownLinks, hasLinks: shownLinks != nil, linksFor: links?.0, error: error?.message)
        return pages.render("employee-experience", page: page, titleKey: "ex_title", request: request, context: context, status: status)
    }

    static func results(
        _ results: PulseResults, name: (String?) -> String, text: [String: String], language: String
    ) -> EmployeeExperiencePage.Results {
        func line(_ label: String, invited: Int, figure: PulseResults.Figure?, hidden: String?) -> EmployeeExperiencePage.GroupRow {
            EmployeeExperiencePage.GroupRow(
                name: label, invited: invited, answers: figure.map { String($0.n) } ?? "—", enps: figure.map { signed($0.enps, language) } ?? "—",
                interval: figure.map { "\(signed($0.low, language)) … \(signed($0.high, language))" } ?? "—", hidden: hidden)
        }
        let rows = results.groups.map { group in
            let hidden: String? =
                switch group.suppressed {
                case .tooFew: (text["ex_hidden_too_few"] ?? "fewer than {n} answers").replacingOccurrences(of: "{n}", with: String(results.minimumGroup))
                case .complementary: text["ex_hidden_complementary"]
                case nil: group.noAnswers ? text["ex_no_answers"] : nil
                }
            return line(name(group.group), invited: group.invited, figure: group.figure, hidden: hidden)
        }
        let total = results.total.map { line(text["ex_total"] ?? "Total", invited: results.invited, figure: $0, hidden: nil) }
        return EmployeeExperiencePage.Results(
            rows: rows, total: total,
            totalHidden: total == nil ? (text["ex_hidden_too_few"] ?? "").replacingOccurrences(of: "{n}", with: String(results.minimumGroup)) : nil,
            comments: results.comments, hasComments: !results.comments.isEmpty)
    }

    /// `12,5` in Russian, `12.5` in English.
    static func decimal(_ value: Double, _ digits: Int, _ language: String) -> String {
        let text = String(format: "%.\(digits)f", value)
        return language == "ru" ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    /// A whole eNPS value with its sign: `+40`, `−12`, `0`.
    static func signed(_ value: Double, _ language: String) -> String {
        let rounded = Int(value.rounded())
        return rounded > 0 ? "+\(rounded)" : rounded < 0 ? "−\(-rounded)" : "0"
    }
}
