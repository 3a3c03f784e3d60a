import Foundation
import Hummingbird
import OtklikCore
import OtklikInterchange
import OtklikMetrics
import OtklikStore

/// `/surveys` for managers: the list of surveys with their response rates, one survey's results (the same figures as
/// the API), the responses as CSV, and a simple editor that creates a survey with its questions.
struct SurveysPageController {
    let surveys: any SurveyRepository
    /// The organisation's text analyser, for the open answers' sentiment and themes.
    let texts: any TextAnalysisRepository
    let pages: PageRenderer
    /// The address respondents reach this server at (public links, QR codes, embed snippets); else the request's host.
    let publicURL: String?
    /// Invitations sent by hand to a pasted list of addresses, and the delivery counts.
    let contacts: ContactInvitations
    /// Segments, whose members can be invited from the page.
    let segments: CustomerSegments
    let segmentList: any SegmentRepository
    /// The `response_rate` KPI target (``ResponseRateTarget``), the regions it is chosen by, and the day it is in force on.
    let targets: any TargetRepository
    let reference: any ReferenceRepository
    let timeZone: TimeZone

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("surveys", use: list)
        group.get("surveys/new", use: editor)
        group.post("surveys", use: create)
        group.get("surveys/{code}", use: results)
        group.get("surveys/{code}/responses.csv", use: export)
        group.get("surveys/{code}/edit", use: edit)
        group.post("surveys/{code}/edit", use: saveEdit)
        group.post("surveys/{code}/close", use: closeSurvey)
        group.get("surveys/{code}/qr.svg", use: qrImage)
        group.post("surveys/{code}/invite", use: invite)
        group.post("surveys/{code}/invite-segment", use: inviteSegment)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (language, text) = pages.text(for: request)
        let scope = context.accessScope.locationCodes
        var query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { _, last in last })
        query = query.filter { $0.key == "from" || $0.key == "to" }
        // The invitations made in the page's period (by default the 90 days to the last invitation a reader sees).
        let period = try await defaultPeriod(&query, survey: nil, scope: scope, text: text)
        let filter = try InvitationFilter(query: SurveyPagePeriod.invitationQuery(query), zone: timeZone)
        let rateTarget = try await responseRateTarget(text)
        // Every survey's invitations in the period counted by one aggregate query, judged on the period's last day.
        let figures = Dictionary(
            try await ResponseRatesInPeriod(surveys: surveys, rate: rateTarget)
                .rows(filter, scope: scope, day: ResponseRatesInPeriod.lastDay(filter, zone: timeZone)).map { ($0.survey.code, $0) },
            uniquingKeysWith: { first, _ in first })
        let format = KPIFigureFormat(text: text)
        let link = Self.periodQuery(query)
        var rows: [SurveysPage.Row] = []
        for survey in try await surveys.surveys() {
            let figure = figures[survey.code]
            let rr1 = figure.flatMap { $0.value.value.map { $0 / 100 } }
            var row = SurveysPage.Row(
                code: survey.code, href: "/surveys/\(survey.code)" + link, title: survey.title(language),
                purpose: text["survey_purpose_\(survey.purpose.rawValue)"] ?? survey.purpose.rawValue,
                invitations: figure?.outcomes.total ?? 0, rr1: Self.percent(rr1),
                below: figure != nil && (rr1 ?? 0) < survey.targetResponseRate, target: Self.percent(survey.targetResponseRate),
                closed: try await surveys.closedAt(survey: survey.code) != nil,
                kpiTarget: figure?.outcome.map(rateTarget.note))
            row.rr1Interval = figure.flatMap { format.interval($0.value, .percent) }
            rows.append(row)
        }
        var page = SurveysPage(rows: rows, hasRows: !rows.isEmpty)
        page.canCreate = context.permits(.changeConfiguration)
        page.from = query["from"] ?? ""
        page.to = query["to"] ?? ""
        page.dataEnd = period.dataEnd
        page.defaultPeriod = period.sentence
        return pages.render("surveys", page: page, titleKey: "surveys", request: request, context: context)
    }

    /// No period asked for: the 90 days of invitations (`from` and `to`, the last day included: ``SurveyPagePeriod``)
    /// ending at the last day an invitation was made (of `survey`, or of any; at a scoped reader's locations) — ``DataEndPeriod``,
    /// as the dashboard — and the page's sentences saying so.
    func defaultPeriod(
        _ query: inout [String: String], survey: String?, scope: Set<String>?, text: [String: String]
    ) async throws -> (dataEnd: String?, sentence: String?) {
        guard !DataEndPeriod.asked(query) else { return (nil, nil) }
        let last = try await surveys.lastInvitedAt(survey: survey, locations: scope).map { LocalCalendar.day(of: $0, in: timeZone) }
        let dataEnd = DataEndPeriod.applyRange(&query, last: last, today: LocalCalendar.day(of: Date(), in: timeZone), text: text)
        guard let from = query["from"], let to = query["to"] else { return (dataEnd, nil) }
        let sentence = (text["survey_default_period"] ?? "Invitations made in the last 90 days with invitations: {from} – {to}.")
            .replacingOccurrences(of: "{from}", with: PageDate.day(from, text: text))
            .replacingOccurrences(of: "{to}", with: PageDate.day(to, text: text))
        return (dataEnd, sentence)
    }

    /// `?from=…&to=…` of a period, for the links that keep it; "" without one.
    static func periodQuery(_ query: [String: String]) -> String {
        var components = URLComponents()
        components.queryItems = ["from", "to"].compactMap { name in query[name].map { URLQueryItem(name: name, value: $0) } }
        guard !(components.queryItems ?? []).isEmpty else { return "" }
        return "?" + (components.percentEncodedQuery ?? "")
    }

    @Sendable func results(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await renderResults(request, context: context, send: nil)
    }

    /// The results page; `send`: the "send invitations" form as just posted (its list, its error or outcome).
    func renderResults(
        _ request: Request, context: AppRequestContext, send: SurveyResultsPage.Send?, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (language, text) = pages.text(for: request)
        let code = try context.parameters.require("code")
        guard let survey = try await surveys.survey(code: code) else { throw OtklikError(.notFound, "no survey '\(code)'", field: "code") }
        var query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { _, last in last })
        let asked = try InvitationFilter(query: SurveyPagePeriod.invitationQuery(query), zone: timeZone)
        // The links within the page keep what was asked: the default period is the same on the next request.
        let askedQuery = query
        // The page's period: by default the 90 days to the survey's last invitation (``DataEndPeriod``).
        let period = try await defaultPeriod(&query, survey: code, scope: context.accessScope.locationCodes, text: text)
        let filter = try InvitationFilter(query: SurveyPagePeriod.invitationQuery(query), zone: timeZone)
        let baseline = try InvitationFilter.baseline(query: SurveyPagePeriod.invitationQuery(query), zone: timeZone)
        _ = try context.visibleLocations(filter.location.map { [$0] })
        // A scoped user's results are those of the invitations at their locations: every figure, option and answer below.
        let all = try await surveys.invitations(survey: code).filter { context.accessScope.allows(location: $0.location) }
        let answers = try await surveys.answers(survey: code)
        var results = SurveyResults(
            survey: survey, invitations: all.filter(filter.matches), answers: answers, weights: try await surveys.designWeights(survey: code))
        if let baseline {
            results.change = SurveyChange(survey: survey, baseline: all.filter(baseline.matches), current: all.filter(filter.matches), answers: answers)
        }
        var page = Self.resultsModel(survey, results, language: language, text: text)
        if !results.strata.isEmpty {
            let names = Dictionary(try await segmentList.segments().map { ($0.segment.code, $0.segment.name(lang: language)) }, uniquingKeysWith: { a, _ in a })
            page.strata = Self.strataModel(survey, results, segmentNames: names, text: text)
        }
        let rateTarget = try await responseRateTarget(text)
        let view = try rateTarget.view(
            location: filter.location, scope: context.accessScope.locationCodes, day: ResponseRatesInPeriod.lastDay(filter, zone: timeZone))
        // RR1 with its Wilson interval over the period's invitations, as `GET /api/v1/surveys/CODE/results` with the same
        // `from`, `to` and `location` counts them, judged against the target in force on the period's last day.
        page.rr1Interval = KPIFigureFormat(text: text).interval(ResponseRateTarget.figure(results.outcomes), .percent)
        page.kpiTarget = try await rateTarget.judge(survey, results.outcomes, view: view).map(rateTarget.note)
        let locations = Set(all.compactMap(\.location)).sorted()
        page.locationOptions = ([""] + locations).map { item in
            SelectOption(code: item, label: item.isEmpty ? (text[context.accessScope.isOrganisation ? "all" : "all_of_mine"] ?? "all") : item, selected: item == (filter.location ?? ""))
        }
        page.from = query["from"] ?? ""
        page.to = query["to"] ?? ""
        page.compareFrom = query["compare_from"] ?? ""
        page.compareTo = query["compare_to"] ?? ""
        page.compared = baseline != nil
        let theme = query["theme"].flatMap { $0.isEmpty ? nil : $0 }
        let open = SurveyOpenAnswers(analyzer: try await texts.analyzer()).model(
            survey, invitations: Set(all.filter(filter.matches).map(\.id)), answers: answers, theme: theme, page: Int(query["open_page"] ?? "") ?? 1,
            language: language, text: text,
            link: { theme, number in Self.openLink(code, query: askedQuery, theme: theme, page: number) })
        page.openAnswers = open.questions
        page.openThemes = open.themes
        page.openTheme = theme ?? ""
        page.hasOpenAnswers = survey.questions.contains { $0.type == .text }
        page.filtered = !asked.isEmpty
        page.dataEnd = period.dataEnd
        page.defaultPeriod = period.sentence
        page.closedOn = try await surveys.closedAt(survey: code).map { String(Timestamp.format($0).prefix(10)) }
        page.canManage = context.user.map { $0.role != .viewer } ?? false
        if survey.purpose == .feedback, page.closedOn == nil {
            let link = Self.publicLink(base: base(request), code: code)
            page.distribution = SurveyResultsPage.Distribution(
                link: link, qr: "/surveys/\(code)/qr.svg",
                embed: "<iframe src=\"\(link)\" title=\"\(survey.title(language))\" width=\"100%\" height=\"760\" style=\"border:0\" loading=\"lazy\"></iframe>")
        }
        page.measurement = survey.purpose == .measurement
        if page.closedOn == nil, page.canManage {
            let counts = try await contacts.deliveryCounts(survey: code)
            var form = send ?? SurveyResultsPage.Send()
            form.pending = counts["pending"] ?? 0
            form.sent = counts["sent"] ?? 0
            form.failed = counts["failed"] ?? 0
            form.segments = try await segmentList.segments().map { SelectOption(code: $0.segment.code, label: $0.segment.name(lang: language), selected: $0.segment.code == form.segment) }
            form.hasSegments = !form.segments.isEmpty
            form.languages = ["ru", "en"].map { SelectOption(code: $0, label: text["language_\($0)"] ?? $0, selected: $0 == (form.lang.isEmpty ? language : form.lang)) }
            page.send = form
        }
        return pages.render("survey-results", page: page, title: survey.title(language), request: request, context: context, status: status)
    }

    func base(_ request: Request) -> String {
        publicURL ?? "http://\(request.head.authority ?? "127.0.0.1")"
    }

    /// A feedback survey's public link: its start page.
    static func publicLink(base: String, code: String) -> String {
        (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/s/open/" + code
    }

    /// The QR code of a feedback survey's public link, as SVG for printing.
    @Sendable func qrImage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        guard let survey = try await surveys.survey(code: code) else { throw OtklikError(.notFound, "no survey '\(code)'", field: "code") }
        guard survey.purpose == .feedback else {
            throw OtklikError(.notFound, "a measurement survey has no public link: its respondents are drawn by its sampling plan", field: "code")
        }
        let address = Self.publicLink(base: base(request), code: code)
        let qr: QRCode
        do { qr = try QRCode(text: address) } catch { throw OtklikError.invalid("code", "the address \(address) is too long for a printed QR code") }
        return Response(
            status: .ok, headers: [.contentType: "image/svg+xml; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: qr.svg(title: address))))
    }

    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        guard let survey = try await surveys.survey(code: code) else { throw OtklikError(.notFound, "no survey '\(code)'", field: "code") }
        return Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(code)-responses.csv\""],
            body: .init(byteBuffer: ByteBuffer(string: try await SurveyCSV.export(survey, from: surveys, locations: context.accessScope.locationCodes))))
    }

    /// The results page with the same slice, another theme and page of the open answers, at the open answers.
    static func openLink(_ code: String, query: [String: String], theme: String?, page: Int) -> String {
        var items = query.filter { !["theme", "open_page", "lang"].contains($0.key) && !$0.value.isEmpty }.sorted { $0.key < $1.key }
            .map { URLQueryItem(name: $0.key, value: $0.value) }
        if let theme { items.append(URLQueryItem(name: "theme", value: theme)) }
        if page > 1 { items.append(URLQueryItem(name: "open_page", value: String(page))) }
        var components = URLComponents()
        components.path = "/surveys/\(code)"
        components.queryItems = items.isEmpty ? nil : items
        return (components.string ?? "/surveys/\(code)") + "#h-open"
    }

    /// A factor's name from the resource files (`factor_empathy`), else its code.
    static func factorName(_ code: String, text: [String: String]) -> String { text["factor_\(code)"] ?? code }

    /// The resource key of a method note the results carry in English.
    static func noteKey(_ note: String) -> String? {
        if note.hasPrefix("derived importance needs") { return "survey_note_derived_importance" }
        if note.hasPrefix("feedback, not measurement") { return "survey_note_feedback" }
        return nil
    }

    /// A method note in the reader's language (the minimum is the one figure it carries).
    static func note(_ key: String?, _ english: String, text: [String: String], language: String) -> String {
        guard let key, let sentence = text[key] else { return english }
        return sentence.replacingOccurrences(of: "{n}", with: String(SurveyResults.minimumPairN))
    }

    func responseRateTarget(_ text: [String: String]) async throws -> ResponseRateTarget {
        ResponseRateTarget(targets: try await targets.targets(), names: try await ReferenceNames.load(reference), text: text)
    }

    static func percent(_ value: Double?) -> String {
        value.map { String(format: "%.1f %%", $0 * 100) } ?? "—"
    }

    static func number(_ value: Double?, _ digits: Int = 1) -> String {
        value.map { String(format: "%.\(digits)f", $0) } ?? "—"
    }

    static func figure(_ figure: SurveyResults.Figure?, _ digits: Int = 1) -> SurveyResultsPage.Figure {
        guard let figure else { return SurveyResultsPage.Figure(value: "—", n: "0", ci: "") }
        let ci = figure.ciLow.map { low in "\(number(low, digits)) … \(number(figure.ciHigh, digits))" } ?? ""
        return SurveyResultsPage.Figure(value: number(figure.value, digits), n: String(figure.n), ci: ci)
    }

    static func resultsModel(_ survey: Survey, _ results: SurveyResults, language: String, text: [String: String]) -> SurveyResultsPage {
        let o = results.outcomes
        let counts: [(String, Int)] = [
            ("completed", o.completed), ("partial", o.partial), ("refused", o.refused), ("no_contact", o.noContact), ("invited", o.invited),
        ]
        var page = SurveyResultsPage(
            code: survey.code, title: survey.title(language), feedback: survey.purpose == .feedback,
            purpose: text["survey_purpose_\(survey.purpose.rawValue)"] ?? survey.purpose.rawValue,
            // No invitations, no verdict: a response rate of nothing is neither below nor above its target.
            label: survey.purpose == .feedback ? ""
                : o.total == 0 ? (text["survey_no_invitations"] ?? "")
                : (results.responseRates.belowTarget ? text["survey_measurement_below"] : text["survey_measurement_ok"]) ?? results.label,
            outcomes: counts.map { SurveyResultsPage.Outcome(label: text["invitation_status_\($0.0)"] ?? $0.0, count: $0.1) },
            total: o.total, rr1: percent(results.responseRates.rr1), rr2: percent(results.responseRates.rr2),
            target: percent(results.responseRates.target), below: results.responseRates.belowTarget && o.total > 0,
            csv: "/surveys/\(survey.code)/responses.csv", maxQuestions: survey.maxQuestions, questionCount: survey.questions.count,
            k: kSentence(survey.maxQuestions, of: survey.questions.count, text: text),
            notes: results.notes.map { note(Self.noteKey($0), $0, text: text, language: language) })
        if let nps = results.nps {
            typealias Row = SurveyResultsPage.NPS.Row
            var rows = [
                Row(label: text["nps_respondents_only"] ?? "respondents only", figure: figure(nps.respondentsOnly)),
                Row(label: text["nps_nonresponders_passive"] ?? "non-responders as passives", figure: figure(nps.nonRespondersAsPassives)),
                Row(label: text["nps_nonresponders_detractors"] ?? "non-responders as detractors", figure: figure(nps.nonRespondersAsDetractors)),
            ]
            if let weighted = nps.designWeighted {
                let shown = SurveyResultsPage.Figure(
                    value: number(weighted.value), n: "\(weighted.n) (n_eff \(number(weighted.effectiveN)))",
                    ci: "\(number(weighted.ciLow)) … \(number(weighted.ciHigh))")
                rows.insert(Row(label: text["nps_design_weighted"] ?? "respondents, design-weighted (1/π)", figure: shown), at: 1)
            }
            page.nps = SurveyResultsPage.NPS(
                rows: rows, responseRate: percent(nps.responseRate), promoters: nps.promoters, passives: nps.passives, detractors: nps.detractors)
        }
        page.questions = results.questions.map { item in
            let question = survey.question(item.code)
            return SurveyResultsPage.Question(
                code: item.code, text: question?.text(language) ?? item.code, type: text["question_type_\(item.type)"] ?? item.type,
                shown: item.shown, answered: item.answered, mean: figure(item.mean, 2), headline: figure(item.headline),
                hasHeadline: item.headline != nil, integral: item.integral)
        }
        page.factors = results.factors.map { item in
            SurveyResultsPage.Factor(
                factor: factorName(item.factor, text: text), factorCode: item.factor, items: item.items.joined(separator: ", "),
                satisfaction: figure(item.satisfaction, 2), score: number(item.score), share: item.share.map { percent($0) } ?? "—",
                stated: figure(item.statedImportance, 2), correlation: number(item.correlation, 2),
                quadrant: item.quadrant.map { text["quadrant_\($0)"] ?? $0 } ?? "—")
        }
        page.hasFactors = !results.factors.isEmpty
        page.csi = results.csi.map { csi in
            SurveyResultsPage.CSI(
                value: number(csi.value), n: csi.n, ci: csi.ciLow.map { "\(number($0)) … \(number(csi.ciHigh))" } ?? "",
                weights: (csi.weights == "equal" ? text["survey_weights_equal"] : text["survey_weights_derived"]) ?? csi.weights)
        }
        page.drivers = results.drivers.map { drivers in
            SurveyResultsPage.Drivers(
                r2: number(drivers.r2, 3), target: drivers.target, minimumPairN: drivers.minimumPairN,
                method: drivers.method.hasPrefix("relative-weights") ? (text["survey_method_relative_weights"] ?? drivers.method) : drivers.method)
        }
        if results.quadrantBasis != nil {
            let chart = importancePerformanceChart(results.factors, stated: results.quadrantBasis == "stated", text: text)
            page.ipmChart = chart
            page.hasIpm = !chart.isEmpty
            page.ipmStated = results.quadrantBasis == "stated"
        }
        page.kano = results.kano.map { item in
            let question = survey.question(item.feature)
            let counts = ["A", "O", "M", "I", "R", "Q"].map { String(item.counts[$0] ?? 0) }.joined(separator: " / ")
            return SurveyResultsPage.Kano(
                code: item.feature, text: question?.text(language) ?? item.feature, n: item.n, counts: counts,
                category: item.category.map { "\(text["kano_\($0.rawValue)"] ?? $0.rawValue) (\($0.rawValue))" } ?? "—",
                better: number(item.better, 2), worse: number(item.worse, 2))
        }
        page.hasKano = !results.kano.isEmpty
        page.servqual = results.servqual.map { servqual in
            SurveyResultsPage.Servqual(
                dimensions: servqual.dimensions.map {
                    SurveyResultsPage.Servqual.Dimension(dimension: $0.dimension, gap: figure($0.gap, 2), items: $0.items.joined(separator: ", "))
                },
                overall: number(servqual.overallGap, 2))
        }
        page.change = results.change.map { change in
            SurveyResultsPage.Change(
                figure: change.figure == "nps" ? "NPS" : change.figure, baseline: figure(change.baseline), current: figure(change.current),
                difference: String(format: "%+.1f", change.difference), ci: "\(number(change.ciLow)) … \(number(change.ciHigh))",
                p: String(format: "%.3f", change.p),
                verdict: (change.significant ? text["survey_change_significant"] : text["survey_change_not_significant"]) ?? "")
        }
        return page
    }

    /// The importance-performance matrix of the factors, as SVG with its data table: by derived importance (% of R²)
    /// or, when `stated`, by stated importance on 0-100 ((mean − 1)/4·100, the same quadrants as on 1-5).
    static func importancePerformanceChart(_ factors: [SurveyResults.FactorResult], stated: Bool = false, text: [String: String]) -> String {
        let points = factors.compactMap { item -> ImportancePerformanceChart.Point? in
            let importance: Double
            if stated {
                guard let mean = item.statedImportance?.value else { return nil }
                importance = (mean - 1) / 4 * 100
            } else {
                guard let share = item.share else { return nil }
                importance = share * 100
            }
            return ImportancePerformanceChart.Point(
                factor: factorName(item.factor, text: text), importance: importance, performance: item.satisfaction.value,
                quadrant: item.quadrant.map { text["quadrant_\($0)"] ?? $0 } ?? "—")
        }
        func t(_ key: String) -> String { text[key] ?? key }
        let labels = ImportancePerformanceChart.Labels(
            title: t("survey_ipm"), description: t(stated ? "survey_ipm_desc_stated" : "survey_ipm_desc"),
            importance: t(stated ? "survey_ipm_x_stated" : "survey_ipm_x"), performance: t("survey_ipm_y"),
            factor: t("survey_factor"), quadrant: t("survey_quadrant"), possibleOverkill: t("quadrant_possible-overkill"),
            keepUp: t("quadrant_keep-up-the-good-work"), lowPriority: t("quadrant_low-priority"), concentrate: t("quadrant_concentrate-here"),
            mean: t("survey_mean_line"))
        return ImportancePerformanceChart(points: points, labels: labels).render()
    }
}
