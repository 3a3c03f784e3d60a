import Foundation

/// Trains a `LinearSentimentModel`: multinomial logistic regression with L2 regularisation, fitted by stochastic
/// gradient descent with a decaying step (weights kept as scale × vector, so the regulariser costs nothing per step)
/// and class weights inversely proportional to class frequency (so a rare class is not ignored). Deterministic for
/// a given seed.
public struct LinearSentimentTrainer: Sendable {
    public var features: HashedSentimentFeatures
    /// The lexicon whose negators mark negation and whose verdict is a feature.
    public var lexicon: SentimentLexicon
    /// L2 regularisation strength.
    public var lambda: Double
    /// Passes over the data (at least 3000 / texts, at most 100, for small sets).
    public var epochs: Int
    /// Initial step size.
    public var learningRate: Double
    /// Weight classes by n / (classes × n_class).
    public var balanced: Bool
    public var seed: UInt64

    public init(
        features: HashedSentimentFeatures = HashedSentimentFeatures(), lexicon: SentimentLexicon = .standard, lambda: Double = 5e-5,
        epochs: Int = 12, learningRate: Double = 0.1, balanced: Bool = true, seed: UInt64 = 42
    ) {
        self.features = features
        self.lexicon = lexicon
        self.lambda = lambda
        self.epochs = epochs
        self.learningRate = learningRate
        self.balanced = balanced
        self.seed = seed
    }

    /// One text turned into features, with the index of its class.
    public struct Encoded: Sendable {
        public var sparse: [Int]
        public var dense: [Double]
        public var label: SentimentLabel
    }

    /// Features of every text (done once; folds of a cross-validation reuse them).
    public func encode(_ examples: [(text: String, label: SentimentLabel)]) -> [Encoded] {
        let scorer = LexiconSentimentScorer(lexicon: lexicon)
        return examples.map { example in
            let prepared = PreparedText(example.text)
            let verdict = scorer.score(tokens: prepared.tokens, stems: prepared.stems)
            let extracted = features.extract(tokens: prepared.tokens, stems: prepared.stems, negators: lexicon.negatorWords, lexicon: verdict)
            return Encoded(sparse: extracted.sparse, dense: extracted.dense, label: example.label)
        }
    }

    /// A model trained on labelled texts; its classes are the labels present, in negative/neutral/positive order.
    public func train(_ examples: [(text: String, label: SentimentLabel)]) -> LinearSentimentModel {
        fit(encode(examples))
    }

    /// A model trained on already encoded texts.
    public func fit(_ data: [Encoded]) -> LinearSentimentModel {
        let classes = SentimentLabel.allCases.filter { label in data.contains { $0.label == label } }
        let k = classes.count
        let classIndex = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        var counts = [Double](repeating: 0, count: k)
        for example in data { counts[classIndex[example.label]!] += 1 }
        let classWeights = counts.map { balanced && $0 > 0 ? Double(data.count) / (Double(k) * $0) : 1 }
        let denseRow = features.buckets * k
        var vector = [Double](repeating: 0, count: (features.buckets + HashedSentimentFeatures.denseCount) * k)
        var bias = [Double](repeating: 0, count: k)
        var scale = 1.0
        var order = Array(data.indices)
        var generator = SplitMix64(seed: seed)
        var step = 0.0
        var scores = [Double](repeating: 0, count: k)
        // A few dozen labelled comments get more passes, so that their words are learnt at all.
        let passes = max(epochs, min(100, 3000 / max(data.count, 1)))
        for _ in 0..<(k < 2 ? 0 : passes) {
            order.shuffle(using: &generator)
            for index in order {
                let example = data[index]
                let eta = learningRate / (1 + learningRate * lambda * step)
                step += 1
                let value = example.sparse.isEmpty ? 0 : 1 / Double(example.sparse.count).squareRoot()
                for c in 0..<k { scores[c] = 0 }
                for feature in example.sparse { for c in 0..<k { scores[c] += vector[feature * k + c] } }
                for c in 0..<k { scores[c] *= value }
                for (d, x) in example.dense.enumerated() where x != 0 { for c in 0..<k { scores[c] += vector[denseRow + d * k + c] * x } }
                for c in 0..<k { scores[c] = scores[c] * scale + bias[c] }
                let probabilities = NaiveBayesModel.softmax(scores)
                scale *= 1 - eta * lambda
                if scale < 1e-6 {
                    for i in vector.indices { vector[i] *= scale }
                    scale = 1
                }
                let target = classIndex[example.label]!
                let weight = classWeights[target]
                for c in 0..<k {
                    let gradient = weight * (probabilities[c] - (c == target ? 1 : 0))
                    guard gradient != 0 else { continue }
                    let sparseStep = eta * gradient * value / scale
                    for feature in example.sparse { vector[feature * k + c] -= sparseStep }
                    for (d, x) in example.dense.enumerated() where x != 0 { vector[denseRow + d * k + c] -= eta * gradient * x / scale }
                    bias[c] -= eta * gradient
                }
            }
        }
        return LinearSentimentModel(
            classes: classes.map(\.rawValue), features: features, weights: vector.map { Float($0 * scale) }, bias: bias.map(Float.init),
            trainedTexts: data.count)
    }

    /// Labels predicted for encoded texts by a model trained with this trainer.
    public static func predict(_ model: LinearSentimentModel, _ data: [Encoded]) -> [SentimentLabel] {
        data.map { example in
            let probabilities = NaiveBayesModel.softmax(model.scores(sparse: example.sparse, dense: example.dense))
            return model.result(probabilities: probabilities, lexiconScore: 0).label
        }
    }

    /// Macro-F1 of k-fold cross-validation (folds from a shuffle with `seed`), with every text predicted once by a
    /// model that did not see it.
    public func crossValidate(_ data: [Encoded], folds: Int = 5) -> (macroF1: Double, accuracy: Double, predicted: [SentimentLabel]) {
        var order = Array(data.indices)
        var generator = SplitMix64(seed: seed)
        order.shuffle(using: &generator)
        let k = max(2, min(folds, data.count))
        var predicted = [SentimentLabel](repeating: .neutral, count: data.count)
        for fold in 0..<k {
            let test = order.indices.filter { $0 % k == fold }.map { order[$0] }
            let testSet = Set(test)
            let model = fit(data.indices.filter { !testSet.contains($0) }.map { data[$0] })
            for (index, label) in zip(test, Self.predict(model, test.map { data[$0] })) { predicted[index] = label }
        }
        let gold = data.map(\.label)
        let accuracy = Double(zip(gold, predicted).filter { $0 == $1 }.count) / Double(max(gold.count, 1))
        return (SentimentEvaluation.macroF1(gold: gold, predicted: predicted), accuracy, predicted)
    }
}
