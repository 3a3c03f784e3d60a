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
    let pages: PageRenderer

    static let editorRows = 8

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("surveys", use: list)
        group.get("surveys/new", use: editor)
        group.post("surveys", use: create)
        group.get("surveys/{code}", use: results)
        group.get("surveys/{code}/responses.csv", use: export)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (language, text) = pages.text(for: request)
        var rows: [SurveysPage.Row] = []
        for survey in try await surveys.surveys() {
            // A scoped user counts the invitations at their locations only (as on each survey's page).
            let invitations = try await surveys.invitations(survey: survey.code).filter { context.accessScope.allows(location: $0.location) }
            let results = SurveyResults(survey: survey, invitations: invitations, answers: [:])
            rows.append(SurveysPage.Row(
                code: survey.code, href: "/surveys/\(survey.code)", title: survey.title(language),
                purpose: text["survey_purpose_\(survey.purpose.rawValue)"] ?? survey.purpose.rawValue,
                invitations: results.outcomes.total, rr1: Self.percent(results.responseRates.rr1),
                below: results.responseRates.belowTarget && results.outcomes.total > 0, target: Self.percent(survey.targetResponseRate)))
        }
        var page = SurveysPage(rows: rows, hasRows: !rows.isEmpty)
        page.canCreate = context.permits(.changeConfiguration)
        return pages.render("surveys", page: page, titleKey: "surveys", request: request, context: context)
    }

    @Sendable func editor(_ request: Request, context: AppRequestContext) async throws -> Response {
        renderEditor(FormFields(""), error: nil, request: request, context: context)
    }

    func renderEditor(
        _ fields: FormFields, error: OtklikError?, preview: Survey? = nil, request: Request, context: AppRequestContext
    ) -> Response {
        let (language, text) = pages.text(for: request)
        func value(_ name: String, _ fallback: String = "") -> String { fields.first(name) ?? fallback }
        // The error goes beside its field, in the reader's language; the question's row when it is a question's.
        let message = error.map { ErrorText.message($0, text: text, language: language) }
        let errorField = error?.field.map(ErrorText.baseField)
        let errorRow = error?.field.flatMap(ErrorText.questionIndex)
        var surveyErrors: [String: String] = [:]
        if errorRow == nil, let errorField, let message { surveyErrors[Self.editorField(errorField)] = message }
        let rows = (0..<Self.editorRows).map { index -> SurveyEditorPage.Row in
            let prefix = "q\(index)."
            let type = value(prefix + "type", index == 0 ? "nps" : "likert")
            var rowErrors: [String: String] = [:]
            if errorRow == index, let errorField, let message { rowErrors[errorField] = message }
            return SurveyEditorPage.Row(
                errors: rowErrors, hasError: !rowErrors.isEmpty,
                index: index, number: index + 1, code: value(prefix + "code"), textRu: value(prefix + "text_ru"),
                textEn: value(prefix + "text_en"), factor: value(prefix + "factor"), options: value(prefix + "options"),
                integral: value("integral", "0") == String(index),
                types: QuestionType.allCases.filter { $0 != .kano }.map { item in
                    SelectOption(code: item.rawValue, label: text["question_type_\(item.rawValue)"] ?? item.rawValue, selected: item.rawValue == type)
                })
        }
        let purpose = value("purpose", "measurement")
        let method = value("method", "simple")
        let page = SurveyEditorPage(
            code: value("code"), titleRu: value("title_ru"), titleEn: value("title_en"),
            purposes: SurveyPurpose.allCases.map { item in
                SelectOption(code: item.rawValue, label: text["survey_purpose_\(item.rawValue)"] ?? item.rawValue, selected: item.rawValue == purpose)
            },
            methods: ["simple", "systematic"].map { SelectOption(code: $0, label: text["sampling_\($0)"] ?? $0, selected: $0 == method) },
            target: value("target", "70"), maxQuestions: value("max_questions", "5"), probability: value("probability", "0.2"),
            interval: value("interval", "5"), fatigueDays: value("fatigue_days", "183"), rows: rows,
            error: message, errors: surveyErrors,
            preview: preview.map { Self.previewModel($0, language: language, text: text) })
        return pages.render(
            "survey-new", page: page, titleKey: "survey_new", request: request, context: context,
            status: error == nil ? .ok : .unprocessableContent)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = context.user, user.role != .viewer else { throw OtklikError(.forbidden, "viewers cannot create surveys") }
        let body = try await request.body.collect(upTo: 256 * 1024)
        let fields = FormFields(String(buffer: body))
        do {
            let survey = try Self.survey(from: fields)
            if fields.first("action") == "preview" { return renderEditor(fields, error: nil, preview: survey, request: request, context: context) }
            try await surveys.create(survey, now: Date())
            return Response(status: .seeOther, headers: [.location: "/surveys/\(survey.code)"])
        } catch let error as OtklikError where error.code == .invalidInput || error.code == .conflict {
            return renderEditor(fields, error: error, request: request, context: context)
        }
    }

    /// The editor's name for a survey field the store names otherwise.
    static func editorField(_ field: String) -> String {
        switch field {
        case "target_response_rate": "target"
        case "max_questions": "max_questions"
        default: field
        }
    }

    /// The questions as a respondent will see them, in the reader's language.
    static func previewModel(_ survey: Survey, language: String, text: [String: String]) -> SurveyPreview {
        SurveyPreview(
            title: survey.title(language),
            questions: survey.questions.enumerated().map { index, question in
                SurveyPreview.Question(
                    number: index + 1, text: question.text(language), integral: question.integral,
                    scale: question.type.scale.map { "\($0.lowerBound)–\($0.upperBound)" } ?? "",
                    type: text["question_type_\(question.type.rawValue)"] ?? question.type.rawValue,
                    options: question.options.map { $0.label(language) }, hasOptions: !question.options.isEmpty)
            },
            k: Self.kSentence(survey.maxQuestions, of: survey.questions.count, text: text))
    }

    /// "K: 5 / 2" in words: how many questions a respondent answers of how many the survey has.
    static func kSentence(_ k: Int, of count: Int, text: [String: String]) -> String {
        let shown = min(k, count)
        let template = shown >= count ? (text["survey_k_all"] ?? "every respondent answers all {n} questions")
            : (text["survey_k_some"] ?? "each respondent answers {k} of the {n} questions (rotated)")
        return template.replacingOccurrences(of: "{k}", with: String(shown)).replacingOccurrences(of: "{n}", with: String(count))
    }

    /// A survey from the editor's fields; empty question rows are skipped. Options are one per line: `code; текст; text`.
    static func survey(from fields: FormFields) throws(OtklikError) -> Survey {
        func text(_ name: String) -> String { (fields.first(name) ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        func number(_ name: String) throws(OtklikError) -> Double {
            guard let value = Double(text(name).replacingOccurrences(of: ",", with: ".")) else { throw .invalid(name, "\(name) must be a number") }
            return value
        }
        var questions: [SurveyQuestion] = []
        for index in 0..<editorRows {
            let prefix = "q\(index)."
            let code = text(prefix + "code")
            guard !code.isEmpty else { continue }
            guard let type = QuestionType(rawValue: text(prefix + "type")) else { throw .invalid("questions[\(index)].type", "unknown question type") }
            let factor = text(prefix + "factor")
            let options: [ChoiceOption] = text(prefix + "options").split(whereSeparator: \.isNewline).compactMap { line in
                let parts = line.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                guard let code = parts.first, !code.isEmpty else { return nil }
                let ru = parts.count > 1 ? parts[1] : code
                return ChoiceOption(code: code, labelRu: ru, labelEn: parts.count > 2 ? parts[2] : ru)
            }
            questions.append(SurveyQuestion(
                code: code, type: type, textRu: text(prefix + "text_ru"), textEn: text(prefix + "text_en"),
                factor: factor.isEmpty || type != .likert ? nil : factor, integral: text("integral") == String(index), options: type.hasOptions ? options : []))
        }
        let method = SurveySampling.Method(rawValue: text("method")) ?? .simple
        let fatigue = Int(text("fatigue_days")) ?? SurveySampling.defaultFatigueDays
        let sampling: SurveySampling = method == .systematic
            ? SurveySampling(method: .systematic, interval: Int(text("interval")) ?? 0, fatigueDays: fatigue, seed: UInt64.random(in: 1...UInt64(UInt32.max)))
            : SurveySampling(method: .simple, probability: try number("probability"), fatigueDays: fatigue, seed: UInt64.random(in: 1...UInt64(UInt32.max)))
        let survey = Survey(
            code: text("code"), titleRu: text("title_ru"), titleEn: text("title_en"), purpose: SurveyPurpose(rawValue: text("purpose")) ?? .measurement,
            targetResponseRate: try number("target") / 100, maxQuestions: Int(text("max_questions")) ?? 0, sampling: sampling, questions: questions)
        try survey.validate()
        return survey
    }

    @Sendable func results(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (language, text) = pages.text(for: request)
        let code = try context.parameters.require("code")
        guard let survey = try await surveys.survey(code: code) else { throw OtklikError(.notFound, "no survey '\(code)'", field: "code") }
        let query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { _, last in last })
        let filter = try InvitationFilter(query: query)
        let baseline = try InvitationFilter.baseline(query: query)
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
        let locations = Set(all.compactMap(\.location)).sorted()
        page.locationOptions = ([""] + locations).map { item in
            SelectOption(code: item, label: item.isEmpty ? (text["all"] ?? "all") : item, selected: item == (filter.location ?? ""))
        }
        page.from = query["from"] ?? ""
        page.to = query["to"] ?? ""
        page.compareFrom = query["compare_from"] ?? ""
        page.compareTo = query["compare_to"] ?? ""
        page.compared = baseline != nil
        page.openAnswers = Self.openAnswers(survey, invitations: Set(all.filter(filter.matches).map(\.id)), answers: answers, language: language)
        page.hasOpenAnswers = survey.questions.contains { $0.type == .text }
        page.filtered = !filter.isEmpty
        return pages.render("survey-results", page: page, title: survey.title(language), request: request, context: context)
    }

    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        guard let survey = try await surveys.survey(code: code) else { throw OtklikError(.notFound, "no survey '\(code)'", field: "code") }
        return Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(code)-responses.csv\""],
            body: .init(byteBuffer: ByteBuffer(string: try await SurveyCSV.export(survey, from: surveys))))
    }

    /// Open answers shown on the results page, per question.
    static let openAnswersShown = 100

    /// Each open question's answers, longest first up to ``openAnswersShown`` (the full set is in the CSV).
    static func openAnswers(_ survey: Survey, invitations: Set<String>, answers: [String: [SurveyAnswer]], language: String) -> [SurveyResultsPage.OpenAnswers] {
        survey.questions.filter { $0.type == .text }.map { question in
            let texts = answers.filter { invitations.contains($0.key) }.values.flatMap { $0 }
                .filter { $0.question == question.code }.compactMap { $0.text?.trimmingCharacters(in: .whitespacesAndNewlines) }
                .filter { !$0.isEmpty }.sorted { $0.count > $1.count }
            return SurveyResultsPage.OpenAnswers(
                code: question.code, text: question.text(language), count: texts.count, hasAnswers: !texts.isEmpty,
                answers: Array(texts.prefix(openAnswersShown)), more: max(0, texts.count - openAnswersShown),
                hasMore: texts.count > openAnswersShown)
        }
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
