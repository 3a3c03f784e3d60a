import OtklikCore

/// SERVQUAL gaps of a survey whose Likert items come in pairs: a perception item (with its factor, the dimension) and
/// the expectation item that names it (`expectation_of`). Item gap = mean perception − mean expectation over the
/// respondents who answered both; a dimension's gap is the mean of its items' gaps (`Servqual`), with the number of
/// respondents behind it and a t-interval from the available-case variance (`AvailableCaseMean`), so the planned
/// missingness of question rotation is allowed for. A negative gap: service falls short of expectations.
public struct ServqualResult: Sendable, Encodable, Equatable {
    public struct Item: Sendable, Encodable, Equatable {
        public var perception: String
        public var expectation: String
        public var dimension: String
        public var perceptionMean: Double
        public var expectationMean: Double
        public var gap: Double
        public var n: Int
        enum CodingKeys: String, CodingKey {
            case perception, expectation, dimension, perceptionMean = "perception_mean", expectationMean = "expectation_mean", gap, n
        }
    }

    public struct Dimension: Sendable, Encodable, Equatable {
        public var dimension: String
        /// Mean of the items' gaps, with the respondents who answered at least one pair and the 95 % interval.
        public var gap: SurveyResults.Figure
        public var items: [String]
    }

    public var items: [Item]
    public var dimensions: [Dimension]
    /// Mean of the dimensions' gaps.
    public var overallGap: Double

    enum CodingKeys: String, CodingKey { case items, dimensions, overallGap = "overall_gap" }

    /// nil when the survey has no pairs or nobody answered both items of any pair.
    init?(_ survey: Survey, _ respondents: [(SurveyInvitation, [String: SurveyAnswer])]) {
        let pairs = survey.servqualPairs
        guard !pairs.isEmpty else { return nil }
        func score(_ given: [String: SurveyAnswer], _ code: String) -> Double? { given[code]?.score.map(Double.init) }
        let expectations = respondents.map { _, given in pairs.map { score(given, $0.expectation.code) } }
        let perceptions = respondents.map { _, given in pairs.map { score(given, $0.perception.code) } }
        let definitions = pairs.map { (name: $0.perception.code, dimension: $0.perception.factor ?? "") }
        guard let analysis = Servqual(items: definitions, expectations: expectations, perceptions: perceptions) else { return nil }
        items = analysis.items.map { item in
            Item(
                perception: item.name, expectation: pairs.first { $0.perception.code == item.name }?.expectation.code ?? "", dimension: item.dimension,
                perceptionMean: item.perception, expectationMean: item.expectation, gap: item.gap, n: item.n)
        }
        dimensions = analysis.dimensions.map { dimension in
            let codes = analysis.items.filter { $0.dimension == dimension.name }.map(\.name)
            let columns = codes.compactMap { code in pairs.firstIndex { $0.perception.code == code } }
            let gaps: [[Double?]] = respondents.indices.map { r in
                columns.map { i in
                    guard let p = perceptions[r][i], let e = expectations[r][i] else { return nil }
                    return p - e
                }
            }
            let mean = AvailableCaseMean(rows: gaps)
            return Dimension(
                dimension: dimension.name, gap: SurveyResults.Figure(dimension.gap, n: mean?.n ?? 0, mean?.interval), items: codes)
        }
        overallGap = analysis.overallGap
    }
}
