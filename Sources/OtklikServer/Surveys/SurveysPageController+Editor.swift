import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// The survey editor (`/surveys/new`): every item type the API accepts (Kano pairs, SERVQUAL expectation items,
/// stated-importance items), skip logic, a preview, "more questions", and each error beside its field.
extension SurveysPageController {
    @Sendable func editor(_ request: Request, context: AppRequestContext) async throws -> Response {
        renderEditor(FormFields(""), error: nil, request: request, context: context)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = context.user, user.role != .viewer else { throw OtklikError(.forbidden, "viewers cannot create surveys") }
        let body = try await request.body.collect(upTo: 256 * 1024)
        let fields = FormFields(String(buffer: body))
        let form = SurveyEditorForm(fields)
        if fields.first("action") == "more" {
            let rows = min(SurveyEditorForm.maxRows, form.rowCount + SurveyEditorForm.moreRows)
            return renderEditor(fields.setting("rows", String(rows)), error: nil, focusRow: form.rowCount, request: request, context: context)
        }
        do {
            let survey = try form.survey()
            if fields.first("action") == "preview" { return renderEditor(fields, error: nil, preview: survey, request: request, context: context) }
            try await surveys.create(survey, now: Date())
            return Response(status: .seeOther, headers: [.location: "/surveys/\(survey.code)"])
        } catch let error as OtklikError where error.code == .invalidInput || error.code == .conflict {
            return renderEditor(fields, error: error, request: request, context: context)
        }
    }

    /// `focusRow`: the first row added by "more questions", where the keyboard lands.
    /// `editing`: the code of the survey being edited (nil: a new one); `keptSampling`: its plan is kept as stored.
    func renderEditor(
        _ fields: FormFields, error: OtklikError?, preview: Survey? = nil, focusRow: Int? = nil, editing: String? = nil, keptSampling: Bool = false,
        request: Request, context: AppRequestContext, status: HTTPResponse.Status? = nil
    ) -> Response {
        let (language, text) = pages.text(for: request)
        let form = SurveyEditorForm(fields)
        func value(_ name: String, _ fallback: String = "") -> String { fields.first(name) ?? fallback }
        // The error goes beside its field, in the reader's language; in the row of its question (the survey's
        // question i is the i-th filled row, empty rows skipped).
        let rowField = error?.field.map(Self.editorRowField)
        let message = error.map { Self.editorMessage($0, rowField: rowField, text: text, language: language) }
        let errorRow = error?.field.flatMap(ErrorText.questionIndex).flatMap { index in form.questionRows.indices.contains(index) ? form.questionRows[index] : nil }
        var surveyErrors: [String: String] = [:]
        if errorRow == nil, let field = error?.field, let message { surveyErrors[Self.editorField(ErrorText.baseField(field))] = message }
        let rows = (0..<form.rowCount).map { index -> SurveyEditorPage.Row in
            let prefix = "q\(index)."
            let type = value(prefix + "type", index == 0 ? "nps" : "likert")
            var rowErrors: [String: String] = [:]
            if errorRow == index, let rowField, let message { rowErrors[rowField] = message }
            let advanced = ["dysfunctional_ru", "dysfunctional_en", "expectation_of", "importance_of", "show_if_question"]
            let op = value(prefix + "show_if_op", "equals")
            return SurveyEditorPage.Row(
                errors: rowErrors, hasError: !rowErrors.isEmpty,
                index: index, number: index + 1, code: value(prefix + "code"), textRu: value(prefix + "text_ru"),
                textEn: value(prefix + "text_en"), factor: value(prefix + "factor"), options: value(prefix + "options"),
                integral: value("integral", "0") == String(index),
                types: QuestionType.allCases.map { item in
                    SelectOption(code: item.rawValue, label: text["question_type_\(item.rawValue)"] ?? item.rawValue, selected: item.rawValue == type)
                },
                dysfunctionalRu: value(prefix + "dysfunctional_ru"), dysfunctionalEn: value(prefix + "dysfunctional_en"),
                expectationOf: value(prefix + "expectation_of"), importanceOf: value(prefix + "importance_of"),
                showIfQuestion: value(prefix + "show_if_question"),
                showIfOps: ShowCondition.Operator.allCases.map { item in
                    SelectOption(code: item.rawValue, label: text["survey_show_if_op_\(item.rawValue)"] ?? item.rawValue, selected: item.rawValue == op)
                },
                showIfValue: value(prefix + "show_if_value"),
                open: !rowErrors.isEmpty || advanced.contains { !value(prefix + $0).trimmingCharacters(in: .whitespaces).isEmpty },
                focus: focusRow == index)
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
            interval: value("interval", "5"), fatigueDays: value("fatigue_days", "183"), rows: rows, rowCount: form.rowCount,
            canAddRows: form.rowCount < SurveyEditorForm.maxRows, error: message, errors: surveyErrors,
            preview: preview.map { Self.previewModel($0, language: language, text: text) },
            action: editing.map { "/surveys/\($0)/edit" } ?? "/surveys", editing: editing != nil, back: editing.map { "/surveys/\($0)" } ?? "/surveys",
            keptSampling: keptSampling)
        return pages.render(
            "survey-new", page: page, titleKey: editing == nil ? "survey_new" : "survey_edit", request: request, context: context,
            status: status ?? (error == nil ? .ok : .unprocessableContent))
    }

    /// The row field an error belongs to: `questions[2].show_if.at_most` → `show_if`, `questions[2].text_ru` → `text_ru`.
    static func editorRowField(_ field: String) -> String {
        field.contains(".show_if") || field.hasPrefix("show_if") ? "show_if" : ErrorText.baseField(field)
    }

    /// An error in the reader's language; a skip-logic error keeps the store's exact words in English (they name the
    /// question and its scale) and gets one sentence in Russian.
    static func editorMessage(_ error: OtklikError, rowField: String?, text: [String: String], language: String) -> String {
        if error.code == .conflict, error.field == "questions" {
            return language == "en" ? error.message : (text["survey_error_answered"] ?? error.message)
        }
        if rowField == "show_if", error.code == .invalidInput {
            return language == "en" ? error.message : (text["error_field_show_if"] ?? error.message)
        }
        return ErrorText.message(error, text: text, language: language)
    }

    /// The editor's name for a survey field the store names otherwise.
    static func editorField(_ field: String) -> String {
        switch field {
        case "target_response_rate": "target"
        default: field
        }
    }

    /// The questions as a respondent will see them, in the reader's language: a Kano question's two forms, what a
    /// SERVQUAL or importance item rates, and when a question with skip logic is shown.
    static func previewModel(_ survey: Survey, language: String, text: [String: String]) -> SurveyPreview {
        SurveyPreview(
            title: survey.title(language),
            questions: survey.questions.enumerated().map { index, question in
                var role: String?
                if let perception = question.expectationOf {
                    role = (text["survey_role_expectation"] ?? "SERVQUAL expectation of «{q}»")
                        .replacingOccurrences(of: "{q}", with: survey.question(perception)?.text(language) ?? perception)
                } else if let factor = question.importanceOf {
                    role = (text["survey_role_importance"] ?? "stated importance of the factor {f}").replacingOccurrences(of: "{f}", with: factorName(factor, text: text))
                } else if let factor = question.factor {
                    role = (text["survey_role_factor"] ?? "measures the factor {f}").replacingOccurrences(of: "{f}", with: factorName(factor, text: text))
                }
                return SurveyPreview.Question(
                    number: index + 1, text: question.text(language), integral: question.integral,
                    scale: question.type.scale.map { "\($0.lowerBound)–\($0.upperBound)" } ?? "",
                    type: text["question_type_\(question.type.rawValue)"] ?? question.type.rawValue,
                    options: question.type == .kano ? QuestionType.kanoAnswers.map { text["kano_answer_\($0)"] ?? $0 } : question.options.map { $0.label(language) },
                    hasOptions: !question.options.isEmpty || question.type == .kano,
                    dysfunctional: question.type == .kano ? question.dysfunctional(language) : nil, role: role,
                    condition: question.showIf.map { conditionSentence($0, survey: survey, language: language, text: text) })
            },
            k: kSentence(survey.maxQuestions, of: survey.questions.count, text: text),
            skipLogic: survey.hasSkipLogic)
    }

    /// "Shown only if the answer to «…» is at most 6", option codes as their labels.
    static func conditionSentence(_ condition: ShowCondition, survey: Survey, language: String, text: [String: String]) -> String {
        let source = survey.question(condition.question)
        let values = condition.values.map { value -> String in
            if case .option(let code) = value, let option = source?.options.first(where: { $0.code == code }) { return "«\(option.label(language))»" }
            return value.description
        }
        let op = condition.operators.first ?? .equals
        let template = text["survey_show_if_\(op.rawValue)"] ?? "Shown only if the answer to «{q}» is {op} {v}"
        return template.replacingOccurrences(of: "{q}", with: source?.text(language) ?? condition.question)
            .replacingOccurrences(of: "{v}", with: values.joined(separator: ", "))
    }

    /// "K: 5 / 2" in words: how many questions a respondent answers of how many the survey has.
    static func kSentence(_ k: Int, of count: Int, text: [String: String]) -> String {
        let shown = min(k, count)
        let template = shown >= count ? (text["survey_k_all"] ?? "every respondent answers all {n} questions")
            : (text["survey_k_some"] ?? "each respondent answers {k} of the {n} questions (rotated)")
        return template.replacingOccurrences(of: "{k}", with: String(shown)).replacingOccurrences(of: "{n}", with: String(count))
    }
}
