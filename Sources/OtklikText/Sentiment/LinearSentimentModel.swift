import Foundation

/// A regularised multinomial logistic regression over `HashedSentimentFeatures`: word and character n-grams with
/// negation marking plus the lexicon's verdict. Trained by `LinearSentimentTrainer`, saved as compact JSON (weights
/// quantised to 16 bits, base64) for `otklik text sentiment --model` and the server.
public struct LinearSentimentModel: Sendable, Equatable {
    /// Class names in weight order, e.g. `negative`, `neutral`, `positive`.
    public let classes: [String]
    public let features: HashedSentimentFeatures
    /// Row-major weights: feature × class (`(buckets + dense) × classes`).
    public private(set) var weights: [Float]
    /// One bias per class.
    public private(set) var bias: [Float]
    /// How many texts it was trained on.
    public var trainedTexts: Int

    public init(classes: [String], features: HashedSentimentFeatures, weights: [Float], bias: [Float], trainedTexts: Int) {
        precondition(weights.count == (features.buckets + HashedSentimentFeatures.denseCount) * classes.count)
        precondition(bias.count == classes.count)
        self.classes = classes
        self.features = features
        self.weights = weights
        self.bias = bias
        self.trainedTexts = trainedTexts
    }

    /// Buckets with a non-zero weight for some class.
    public var usedFeatures: Int {
        let k = classes.count
        var used = 0
        for row in 0..<(weights.count / max(k, 1)) where (0..<k).contains(where: { weights[row * k + $0] != 0 }) { used += 1 }
        return used
    }

    /// Raw class scores (log-odds up to a constant) of extracted features.
    public func scores(sparse: [Int], dense: [Double]) -> [Double] {
        let k = classes.count
        var scores = bias.map(Double.init)
        let value = sparse.isEmpty ? 0 : 1 / Double(sparse.count).squareRoot()
        weights.withUnsafeBufferPointer { w in
            var sums = [Float](repeating: 0, count: k)
            for index in sparse {
                let row = index * k
                for c in 0..<k { sums[c] += w[row + c] }
            }
            for c in 0..<k { scores[c] += Double(sums[c]) * value }
            let denseRow = features.buckets * k
            for (d, x) in dense.enumerated() where x != 0 {
                for c in 0..<k { scores[c] += Double(w[denseRow + d * k + c]) * x }
            }
        }
        return scores
    }

    /// Class probabilities of a tokenised text, in the order of `classes`.
    public func probabilities(tokens: [Token], stems: [String], negators: Set<String>, lexicon: LexiconScore) -> [Double] {
        let extracted = features.extract(tokens: tokens, stems: stems, negators: negators, lexicon: lexicon)
        return NaiveBayesModel.softmax(scores(sparse: extracted.sparse, dense: extracted.dense))
    }

    /// Label and score (probability of positive minus probability of negative) from class probabilities.
    public func result(probabilities: [Double], lexiconScore: Double) -> SentimentResult {
        let best = probabilities.indices.max { probabilities[$0] < probabilities[$1] } ?? 0
        let positive = classes.firstIndex(of: SentimentLabel.positive.rawValue).map { probabilities[$0] } ?? 0
        let negative = classes.firstIndex(of: SentimentLabel.negative.rawValue).map { probabilities[$0] } ?? 0
        return SentimentResult(label: SentimentLabel(rawValue: classes[best]) ?? .neutral, score: positive - negative, lexiconScore: lexiconScore)
    }
}

extension LinearSentimentModel: Codable {
    enum CodingKeys: String, CodingKey {
        case kind, classes, buckets, charGramsMin = "char_grams_min", charGramsMax = "char_grams_max", bias, scale, weights
        case trainedTexts = "trained_texts"
    }

    /// The `kind` a saved linear model carries, which tells it apart from a naive Bayes model.
    public static let kind = "linear"

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard try container.decode(String.self, forKey: .kind) == Self.kind else {
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "not a linear model")
        }
        classes = try container.decode([String].self, forKey: .classes)
        let buckets = try container.decode(Int.self, forKey: .buckets)
        let low = try container.decode(Int.self, forKey: .charGramsMin), high = try container.decode(Int.self, forKey: .charGramsMax)
        features = HashedSentimentFeatures(buckets: buckets, charGrams: low > 0 ? low...max(low, high) : nil)
        bias = try container.decode([Float].self, forKey: .bias)
        let scale = try container.decode(Float.self, forKey: .scale)
        trainedTexts = try container.decodeIfPresent(Int.self, forKey: .trainedTexts) ?? 0
        guard let data = Data(base64Encoded: try container.decode(String.self, forKey: .weights)) else {
            throw DecodingError.dataCorruptedError(forKey: .weights, in: container, debugDescription: "weights are not base64")
        }
        let count = (features.buckets + HashedSentimentFeatures.denseCount) * classes.count
        guard data.count == count * 2, bias.count == classes.count, !classes.isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: .weights, in: container, debugDescription: "weights do not match buckets × classes")
        }
        var weights = [Float](repeating: 0, count: count)
        data.withUnsafeBytes { raw in
            for i in 0..<count {
                let bits = UInt16(raw[2 * i]) | UInt16(raw[2 * i + 1]) << 8
                weights[i] = Float(Int16(bitPattern: bits)) * scale
            }
        }
        self.weights = weights
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.kind, forKey: .kind)
        try container.encode(classes, forKey: .classes)
        try container.encode(features.buckets, forKey: .buckets)
        try container.encode(features.charGrams?.lowerBound ?? 0, forKey: .charGramsMin)
        try container.encode(features.charGrams?.upperBound ?? 0, forKey: .charGramsMax)
        try container.encode(bias, forKey: .bias)
        let largest = weights.reduce(Float(0)) { max($0, abs($1)) }
        let scale = largest > 0 ? largest / 32767 : 1
        try container.encode(scale, forKey: .scale)
        try container.encode(trainedTexts, forKey: .trainedTexts)
        var data = Data(capacity: weights.count * 2)
        for weight in weights {
            let bits = UInt16(bitPattern: Int16((weight / scale).rounded()))
            data.append(UInt8(bits & 0xFF))
            data.append(UInt8(bits >> 8))
        }
        try container.encode(data.base64EncodedString(), forKey: .weights)
    }
}
