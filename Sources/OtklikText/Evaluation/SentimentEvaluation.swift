/// Measures sentiment quality on labelled texts: macro-F1 of the lexicon alone, of naive Bayes under k-fold
/// cross-validation with a fixed seed, of the two combined, and of the majority-class baseline.
public struct SentimentEvaluation: Sendable {
    public var folds: Int
    public var seed: UInt64
    public var lexicon: SentimentLexicon
    public var threshold: Double
    public var lexiconWeight: Double
    /// Overrides the classifier's `smallModelDocuments` (for tuning).
    public var smallModelDocuments: Double?
    /// Overrides the scorer's `mixedRatio` (for tuning).
    public var mixedRatio: Double?
    /// Overrides the classifier's `featureScale` (for tuning).
    public var featureScale: Double?

    public init(folds: Int = 5, seed: UInt64 = 42, lexicon: SentimentLexicon = .standard, threshold: Double = 0.1, lexiconWeight: Double = 2.5) {
        self.folds = folds
        self.seed = seed
        self.lexicon = lexicon
        self.threshold = threshold
        self.lexiconWeight = lexiconWeight
    }

    /// Evaluates on `examples`. When no gold label is neutral (a two-class set), the lexicon's neutral verdicts are
    /// resolved by the sign of its score (≥ 0 positive) so that it is judged on the task the set poses.
    public func evaluate(_ examples: [(text: String, label: SentimentLabel)]) -> SentimentEvaluationReport {
        let gold = examples.map(\.label)
        let prepared = examples.map { PreparedText($0.text) }
        var scorer = LexiconSentimentScorer(lexicon: lexicon, threshold: threshold)
        if let mixedRatio { scorer.mixedRatio = mixedRatio }
        let binary = !gold.contains(.neutral)
        let verdicts = prepared.map { scorer.score(tokens: $0.tokens, stems: $0.stems) }
        let lexiconScores = verdicts.map(\.score)
        let lexiconLabels = verdicts.map { verdict in
            binary ? (verdict.score >= 0 ? SentimentLabel.positive : .negative) : scorer.label(for: verdict)
        }
        let features = prepared.map {
            SentimentFeatures.extract(tokens: $0.tokens, stems: $0.stems, negators: lexicon.negatorWords)
        }

        var order = Array(examples.indices)
        var generator = SplitMix64(seed: seed)
        order.shuffle(using: &generator)
        let k = max(2, min(folds, examples.count))
        var bayes = [SentimentLabel](repeating: .neutral, count: examples.count)
        var combined = bayes
        var classifier = SentimentClassifier(scorer: scorer, lexiconWeight: lexiconWeight)
        if let scale = featureScale { classifier.featureScale = scale }
        if let small = smallModelDocuments { classifier.smallModelDocuments = small }
        for fold in 0..<k {
            let test = order.indices.filter { $0 % k == fold }.map { order[$0] }
            let testSet = Set(test)
            var model = NaiveBayesModel(classes: SentimentLabel.allCases.map(\.rawValue).filter { label in gold.contains { $0.rawValue == label } })
            model.train(examples.indices.lazy.filter { !testSet.contains($0) }.map { (features[$0], gold[$0].rawValue) })
            for index in test {
                let logScores = model.logScores(features[index])
                bayes[index] = classifier.combine(model: model, logScores: logScores, featureCount: features[index].count, lexiconScore: 0).label
                combined[index] = classifier.combine(model: model, logScores: logScores, featureCount: features[index].count, lexiconScore: lexiconScores[index]).label
            }
        }
        var counts: [SentimentLabel: Int] = [:]
        for label in gold { counts[label, default: 0] += 1 }
        let majority = counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? .neutral
        return SentimentEvaluationReport(
            examples: examples.count, classCounts: counts, majorityLabel: majority,
            majorityF1: Self.macroF1(gold: gold, predicted: gold.map { _ in majority }),
            lexiconF1: Self.macroF1(gold: gold, predicted: lexiconLabels),
            bayesF1: Self.macroF1(gold: gold, predicted: bayes),
            combinedF1: Self.macroF1(gold: gold, predicted: combined),
            combinedAccuracy: Double(zip(gold, combined).filter { $0 == $1 }.count) / Double(max(gold.count, 1)))
    }

    /// Mean F1 over the labels present in gold or predictions (as scikit-learn's `f1_score(average="macro")`).
    public static func macroF1(gold: [SentimentLabel], predicted: [SentimentLabel]) -> Double {
        let labels = Set(gold).union(predicted)
        guard !labels.isEmpty else { return 0 }
        var total = 0.0
        for label in labels {
            var tp = 0.0, fp = 0.0, fn = 0.0
            for (g, p) in zip(gold, predicted) {
                if p == label && g == label { tp += 1 } else if p == label { fp += 1 } else if g == label { fn += 1 }
            }
            total += tp == 0 ? 0 : 2 * tp / (2 * tp + fp + fn)
        }
        return total / Double(labels.count)
    }
}

/// Macro-F1 figures of one labelled set.
public struct SentimentEvaluationReport: Sendable, Codable, Hashable {
    public var examples: Int
    public var classCounts: [SentimentLabel: Int]
    public var majorityLabel: SentimentLabel
    public var majorityF1: Double
    public var lexiconF1: Double
    public var bayesF1: Double
    public var combinedF1: Double
    public var combinedAccuracy: Double
}

/// A small seeded random number generator (SplitMix64), so cross-validation folds are the same on every run.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
