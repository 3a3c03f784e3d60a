import Foundation
import OtklikCore

/// The survey editor's fields as a survey: a row per question (`q0.code`, `q0.type`, …), empty rows skipped. Beside
/// the basic fields a row carries what the JSON definition does: a Kano question's dysfunctional form
/// (`dysfunctional_ru`, `dysfunctional_en`), a SERVQUAL expectation item's perception item (`expectation_of`), a
/// stated-importance item's factor (`importance_of`) and skip logic (`show_if_question`, `show_if_op`, `show_if_value`).
/// Options are one per line: `code; текст; text`.
struct SurveyEditorForm {
    static let defaultRows = 8
    static let maxRows = 50
    /// Rows added by "more questions".
    static let moreRows = 4

    let fields: FormFields

    init(_ fields: FormFields) {
        self.fields = fields
    }

    func text(_ name: String) -> String { (fields.first(name) ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }

    /// How many question rows the editor shows: as posted (`rows`), at least enough for every filled row.
    var rowCount: Int {
        let posted = Int(text("rows")) ?? Self.defaultRows
        let filled = (0..<Self.maxRows).last { !text("q\($0).code").isEmpty }.map { $0 + 1 } ?? 0
        return min(Self.maxRows, max(Self.defaultRows, posted, filled))
    }

    /// The editor rows that hold a question, in order: question `i` of the survey is row `questionRows[i]`.
    var questionRows: [Int] { (0..<rowCount).filter { !text("q\($0).code").isEmpty } }

    func number(_ name: String) throws(OtklikError) -> Double {
        guard let value = Double(text(name).replacingOccurrences(of: ",", with: ".")) else { throw .invalid(name, "\(name) must be a number") }
        return value
    }

    /// The survey, validated in full.
    func survey() throws(OtklikError) -> Survey {
        var questions: [SurveyQuestion] = []
        for index in questionRows {
            let prefix = "q\(index)."
            let field = "questions[\(questions.count)]"
            guard let type = QuestionType(rawValue: text(prefix + "type")) else { throw .invalid(field + ".type", "unknown question type") }
            func optional(_ name: String) -> String? {
                let value = text(prefix + name)
                return value.isEmpty ? nil : value
            }
            let options: [ChoiceOption] = text(prefix + "options").split(whereSeparator: \.isNewline).compactMap { line in
                let parts = line.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                guard let code = parts.first, !code.isEmpty else { return nil }
                let ru = parts.count > 1 ? parts[1] : code
                return ChoiceOption(code: code, labelRu: ru, labelEn: parts.count > 2 ? parts[2] : ru)
            }
            let likert = type == .likert
            let showIf: ShowCondition?
            do { showIf = try condition(prefix) } catch { throw error.prefixingField(field + ".show_if") }
            questions.append(SurveyQuestion(
                code: text(prefix + "code"), type: type, textRu: text(prefix + "text_ru"), textEn: text(prefix + "text_en"),
                factor: likert ? optional("factor") : nil, integral: text("integral") == String(index), options: type.hasOptions ? options : [],
                // Filled in for another type, these are named by the validation rather than silently dropped.
                dysfunctionalRu: optional("dysfunctional_ru"), dysfunctionalEn: optional("dysfunctional_en"),
                expectationOf: optional("expectation_of"), importanceOf: optional("importance_of"), showIf: showIf))
        }
        let method = SurveySampling.Method(rawValue: text("method")) ?? .simple
        let fatigue = Int(text("fatigue_days")) ?? SurveySampling.defaultFatigueDays
        let seed = UInt64.random(in: 1...UInt64(UInt32.max))
        let sampling: SurveySampling = method == .systematic
            ? SurveySampling(method: .systematic, interval: Int(text("interval")) ?? 0, fatigueDays: fatigue, seed: seed)
            : SurveySampling(method: .simple, probability: try number("probability"), fatigueDays: fatigue, seed: seed)
        let survey = Survey(
            code: text("code"), titleRu: text("title_ru"), titleEn: text("title_en"), purpose: SurveyPurpose(rawValue: text("purpose")) ?? .measurement,
            targetResponseRate: try number("target") / 100, maxQuestions: Int(text("max_questions")) ?? 0, sampling: sampling, questions: questions)
        try survey.validate()
        return survey
    }

    /// A row's skip logic: nil without an earlier question named. `in` takes values separated by commas.
    func condition(_ prefix: String) throws(OtklikError) -> ShowCondition? {
        let source = text(prefix + "show_if_question")
        guard !source.isEmpty else { return nil }
        let op = ShowCondition.Operator(rawValue: text(prefix + "show_if_op")) ?? .equals
        let raw = text(prefix + "show_if_value")
        let values: [ShowCondition.Value] = raw.split(whereSeparator: { $0 == "," || $0 == ";" }).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.map { Int($0).map(ShowCondition.Value.score) ?? .option($0) }
        guard !values.isEmpty else { throw .invalid(op.rawValue, "show_if needs the value the earlier answer is compared with") }
        switch op {
        case .equals:
            guard values.count == 1 else { throw .invalid("equals", "\"equals\" compares with one value; use \"in\" for several") }
            return ShowCondition(question: source, equals: values[0])
        case .in:
            return ShowCondition(question: source, in: values)
        case .atMost, .atLeast:
            guard values.count == 1, case .score(let score) = values[0] else {
                throw .invalid(op.rawValue, "\(op.rawValue) compares with one whole number on the earlier question's scale")
            }
            return op == .atMost ? ShowCondition(question: source, atMost: score) : ShowCondition(question: source, atLeast: score)
        }
    }

    /// The fields that show `survey` in the editor (for "edit": the form starts from the survey as stored).
    static func fields(of survey: Survey) -> FormFields {
        var pairs: [(String, String)] = [
            ("code", survey.code), ("title_ru", survey.titleRu), ("title_en", survey.titleEn), ("purpose", survey.purpose.rawValue),
            ("target", String(format: "%g", survey.targetResponseRate * 100)), ("max_questions", String(survey.maxQuestions)),
            ("method", survey.sampling.method.rawValue), ("probability", survey.sampling.probability.map { String(format: "%g", $0) } ?? ""),
            ("interval", survey.sampling.interval.map(String.init) ?? ""), ("fatigue_days", String(survey.sampling.fatigueDays)),
            ("rows", String(max(defaultRows, survey.questions.count))),
        ]
        for (index, question) in survey.questions.enumerated() {
            let prefix = "q\(index)."
            pairs += [
                (prefix + "code", question.code), (prefix + "type", question.type.rawValue), (prefix + "text_ru", question.textRu),
                (prefix + "text_en", question.textEn), (prefix + "factor", question.factor ?? ""),
                (prefix + "options", question.options.map { "\($0.code); \($0.labelRu); \($0.labelEn)" }.joined(separator: "\n")),
                (prefix + "dysfunctional_ru", question.dysfunctionalRu ?? ""), (prefix + "dysfunctional_en", question.dysfunctionalEn ?? ""),
                (prefix + "expectation_of", question.expectationOf ?? ""), (prefix + "importance_of", question.importanceOf ?? ""),
            ]
            if let condition = question.showIf, let op = condition.operators.first {
                pairs += [
                    (prefix + "show_if_question", condition.question), (prefix + "show_if_op", op.rawValue),
                    (prefix + "show_if_value", condition.values.map(\.description).joined(separator: ", ")),
                ]
            }
            if question.integral { pairs.append(("integral", String(index))) }
        }
        return FormFields(pairs: pairs)
    }
}
