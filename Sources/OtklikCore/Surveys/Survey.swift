import Foundation

/// A survey (seed 002): titles in Russian and English, its purpose (measurement or feedback), the response rate it
/// must reach (default 70 %), K — the most questions one respondent is asked (the integral question plus at most
/// K − 1 from the pool, chosen by question rotation), its attributes, its sampling plan and its questions.
public struct Survey: Sendable, Codable, Equatable {
    public var code: String
    public var titleRu: String
    public var titleEn: String
    public var purpose: SurveyPurpose
    public var targetResponseRate: Double
    public var maxQuestions: Int
    public var attributes: SurveyAttributes
    public var sampling: SurveySampling
    /// Days an invitation link stays valid.
    public var linkDays: Int
    public var questions: [SurveyQuestion]

    public static let defaultTargetResponseRate = 0.70
    public static let defaultLinkDays = 30

    public init(
        code: String, titleRu: String, titleEn: String, purpose: SurveyPurpose = .measurement,
        targetResponseRate: Double = defaultTargetResponseRate, maxQuestions: Int, attributes: SurveyAttributes = SurveyAttributes(),
        sampling: SurveySampling, linkDays: Int = defaultLinkDays, questions: [SurveyQuestion]
    ) {
        self.code = code
        self.titleRu = titleRu
        self.titleEn = titleEn
        self.purpose = purpose
        self.targetResponseRate = targetResponseRate
        self.maxQuestions = maxQuestions
        self.attributes = attributes
        self.sampling = sampling
        self.linkDays = linkDays
        self.questions = questions
    }

    enum CodingKeys: String, CodingKey {
        case code, titleRu = "title_ru", titleEn = "title_en", purpose, targetResponseRate = "target_response_rate"
        case maxQuestions = "max_questions", attributes, sampling, linkDays = "link_days", questions
    }

    /// Everything but code, titles and questions may be left out: a measurement survey, target 70 %, K = all
    /// questions, everyone invited, links valid 30 days.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        titleRu = try container.decode(String.self, forKey: .titleRu)
        titleEn = try container.decodeIfPresent(String.self, forKey: .titleEn) ?? ""
        purpose = try container.decodeIfPresent(SurveyPurpose.self, forKey: .purpose) ?? .measurement
        targetResponseRate = try container.decodeIfPresent(Double.self, forKey: .targetResponseRate) ?? Self.defaultTargetResponseRate
        questions = try container.decode([SurveyQuestion].self, forKey: .questions)
        maxQuestions = try container.decodeIfPresent(Int.self, forKey: .maxQuestions) ?? max(1, questions.count)
        attributes = try container.decodeIfPresent(SurveyAttributes.self, forKey: .attributes) ?? SurveyAttributes()
        sampling = try container.decodeIfPresent(SurveySampling.self, forKey: .sampling) ?? .everyone
        linkDays = try container.decodeIfPresent(Int.self, forKey: .linkDays) ?? Self.defaultLinkDays
    }

    /// The title in `language`, or in the other language when this one was left empty (English is optional).
    public func title(_ language: String) -> String { Self.either(language == "en" ? titleEn : titleRu, language == "en" ? titleRu : titleEn) }

    /// `preferred` unless it is blank, then `fallback`.
    static func either(_ preferred: String, _ fallback: String) -> String {
        preferred.trimmingCharacters(in: .whitespaces).isEmpty ? fallback : preferred
    }

    /// The question always asked.
    public var integral: SurveyQuestion? { questions.first { $0.integral } }
    /// The questions rotation draws from.
    public var pool: [SurveyQuestion] { questions.filter { !$0.integral } }
    public func question(_ code: String) -> SurveyQuestion? { questions.first { $0.code == code } }
    /// Kano questions (features), in order.
    public var kanoQuestions: [SurveyQuestion] { questions.filter { $0.type == .kano } }
    /// SERVQUAL pairs (perception item, expectation item), in the order of the perception items.
    public var servqualPairs: [(perception: SurveyQuestion, expectation: SurveyQuestion)] {
        questions.compactMap { perception in
            questions.first { $0.expectationOf == perception.code }.map { (perception, $0) }
        }
    }
    /// The stated-importance items (`importance_of`) of a factor, in order.
    public func importanceItems(of factor: String) -> [SurveyQuestion] {
        questions.filter { $0.type == .likert && $0.importanceOf == factor }
    }
    /// The questions among `shown` that a respondent with these answers sees: a question with a `show_if` only when the
    /// earlier question it names was seen and its answer matches (skip logic), in the order of `shown`.
    public func visibleQuestions(_ shown: [String], answers: [String: SurveyAnswer]) -> [String] {
        let offered = Set(shown)
        var seen = Set<String>()
        for question in questions where offered.contains(question.code) {
            if let condition = question.showIf {
                guard seen.contains(condition.question), condition.isMet(by: answers[condition.question]) else { continue }
            }
            seen.insert(question.code)
        }
        return shown.filter(seen.contains)
    }

    /// Whether any question has skip logic.
    public var hasSkipLogic: Bool { questions.contains { $0.showIf != nil } }

    /// Likert factors in the order they first appear.
    public var factors: [String] {
        var seen: [String] = []
        for question in questions where question.type == .likert { if let factor = question.factor, !seen.contains(factor) { seen.append(factor) } }
        return seen
    }

    public func validate() throws(OtklikError) {
        try Identifier.validate(code, field: "code")
        // One language is enough: a Russian survey needs no English title, and the other is shown in its place.
        for (field, title) in [("title_ru", titleRu), ("title_en", titleEn)] where title.count > 200 {
            throw .invalid(field, "\(field) is at most 200 characters")
        }
        if titleRu.trimmingCharacters(in: .whitespaces).isEmpty && titleEn.trimmingCharacters(in: .whitespaces).isEmpty {
            throw .invalid("title_ru", "a survey has a title, title_ru or title_en, 1-200 characters")
        }
        guard targetResponseRate > 0, targetResponseRate <= 1 else { throw .invalid("target_response_rate", "target_response_rate is in (0, 1], e.g. 0.7") }
        guard (1...50).contains(maxQuestions) else { throw .invalid("max_questions", "max_questions (K) is 1-50") }
        guard (1...365).contains(linkDays) else { throw .invalid("link_days", "link_days is 1-365") }
        guard (1...200).contains(questions.count) else { throw .invalid("questions", "a survey has 1-200 questions") }
        var seen = Set<String>()
        for (index, question) in questions.enumerated() {
            do { try question.validate() } catch { throw error.prefixingField("questions[\(index)]") }
            guard seen.insert(question.code).inserted else { throw .invalid("questions[\(index)].code", "question '\(question.code)' is listed twice") }
        }
        for (index, question) in questions.enumerated() {
            guard let perception = question.expectationOf else { continue }
            guard let target = self.question(perception), target.type == .likert, target.factor != nil else {
                throw .invalid("questions[\(index)].expectation_of", "expectation_of names a Likert item of this survey with a factor (the perception item)")
            }
            guard questions.filter({ $0.expectationOf == perception }).count == 1 else {
                throw .invalid("questions[\(index)].expectation_of", "one expectation item per perception item")
            }
        }
        for (index, question) in questions.enumerated() {
            guard let condition = question.showIf else { continue }
            do { try condition.validate(earlier: Array(questions[..<index])) } catch { throw error.prefixingField("questions[\(index)].show_if") }
        }
        let factors = self.factors
        for (index, question) in questions.enumerated() {
            guard let factor = question.importanceOf else { continue }
            guard factors.contains(factor) else {
                throw .invalid("questions[\(index)].importance_of", "importance_of names a factor measured by a Likert item of this survey (unknown factor '\(factor)')")
            }
        }
        guard questions.filter(\.integral).count == 1 else {
            throw .invalid("questions", "exactly one question is the integral one (\"integral\": true), asked of everyone")
        }
        for (name, value) in attributes.pairs { do { try Identifier.validate(value, field: name) } catch { throw error.prefixingField("attributes") } }
        if let channel = attributes.channel, Channel(rawValue: channel) == nil { throw .invalid("attributes.channel", "unknown channel '\(channel)'") }
        do { try sampling.validate() } catch { throw error.prefixingField("sampling") }
    }
}
