/// Sentiment of a tokenised text: the lexicon alone when no model is trained; a `LinearSentimentModel` (which sees the
/// lexicon's verdict among its features) when one is given; otherwise naive Bayes with the lexicon's score added to
/// the model's log-odds of positive against negative (weight `lexiconWeight`).
public struct SentimentClassifier: Sendable {
    public var scorer: LexiconSentimentScorer
    /// A model trained on labelled comments, with classes named `negative`, `neutral`, `positive` (any subset).
    public var model: NaiveBayesModel?
    /// How far one unit of lexicon score (−1…1) moves the model's log-odds; 0 uses the model alone.
    public var lexiconWeight: Double
    /// A trained linear model; used instead of `model` when present.
    public var linear: LinearSentimentModel?

    public init(
        scorer: LexiconSentimentScorer = LexiconSentimentScorer(), model: NaiveBayesModel? = nil, linear: LinearSentimentModel? = nil,
        lexiconWeight: Double = 2.5
    ) {
        self.scorer = scorer
        self.model = model
        self.linear = linear
        self.lexiconWeight = lexiconWeight
    }

    /// Label and score (−1…1: probability of positive minus negative with a model, the lexicon score without).
    public func classify(tokens: [Token], stems: [String]) -> SentimentResult {
        let lexicon = scorer.score(tokens: tokens, stems: stems)
        if let linear {
            let probabilities = linear.probabilities(tokens: tokens, stems: stems, negators: scorer.lexicon.negatorWords, lexicon: lexicon)
            return linear.result(probabilities: probabilities, lexiconScore: lexicon.score)
        }
        guard let model, model.isTrained else {
            return SentimentResult(label: scorer.label(for: lexicon), score: lexicon.score, lexiconScore: lexicon.score)
        }
        let features = SentimentFeatures.extract(tokens: tokens, stems: stems, negators: scorer.lexicon.negatorWords)
        return combine(model: model, logScores: model.logScores(features), featureCount: features.count, lexiconScore: lexicon.score)
    }

    /// Texts with more features than this have the model's log scores scaled down by √(this / features), so long
    /// reviews do not drown the lexicon and give overconfident probabilities.
    public var featureScale = 30.0

    /// A model trained on fewer documents than this leans more on the lexicon: its weight is multiplied by
    /// √(this / documents), as a prior that fades as labelled data grows.
    public var smallModelDocuments = 2000.0

    /// The model's log scores shifted by the lexicon, as a result.
    func combine(model: NaiveBayesModel, logScores: [Double], featureCount: Int, lexiconScore: Double) -> SentimentResult {
        let scale = featureCount > Int(featureScale) ? (featureScale / Double(featureCount)).squareRoot() : 1
        var scores = logScores.map { $0 * scale }
        let positive = model.classes.firstIndex(of: SentimentLabel.positive.rawValue)
        let negative = model.classes.firstIndex(of: SentimentLabel.negative.rawValue)
        let documents = Double(max(model.documentCounts.reduce(0, +), 1))
        let weight = lexiconWeight * max(1, (smallModelDocuments / documents).squareRoot())
        if let positive { scores[positive] += weight * lexiconScore }
        if let negative { scores[negative] -= weight * lexiconScore }
        let probabilities = NaiveBayesModel.softmax(scores)
        let best = probabilities.indices.max { probabilities[$0] < probabilities[$1] } ?? 0
        let label = SentimentLabel(rawValue: model.classes[best]) ?? .neutral
        let score = (positive.map { probabilities[$0] } ?? 0) - (negative.map { probabilities[$0] } ?? 0)
        return SentimentResult(label: label, score: score, lexiconScore: lexiconScore)
    }
}

/// A sentiment verdict.
public struct SentimentResult: Sendable, Hashable, Codable {
    public var label: SentimentLabel
    /// −1 (negative) … 1 (positive).
    public var score: Double
    /// The lexicon's own score, −1…1.
    public var lexiconScore: Double
}
