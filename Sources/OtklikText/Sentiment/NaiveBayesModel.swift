import Foundation

/// A multinomial naive Bayes text classifier over binary features (Laplace smoothing), trainable from labelled
/// texts and saved as JSON so an organisation can retrain it from comments its staff labelled.
public struct NaiveBayesModel: Sendable, Codable, Equatable {
    /// Class names, e.g. `negative`, `neutral`, `positive`.
    public private(set) var classes: [String]
    /// Documents seen per class.
    public private(set) var documentCounts: [Int]
    /// Feature → documents containing it, per class.
    public private(set) var featureCounts: [String: [Int]]
    /// Additive smoothing.
    public var alpha: Double
    /// Complement naive Bayes (Rennie et al. 2003): each class is scored by how unlike the *other* classes a text
    /// is, with uniform priors — steadier than the plain model when classes are unbalanced or texts are long.
    public var complement: Bool

    /// Log prior per class and log likelihood of every feature per class, derived from the counts.
    private var logPriors: [Double] = []
    private var logLikelihoods: [String: [Double]] = [:]

    enum CodingKeys: String, CodingKey { case classes, documentCounts = "document_counts", featureCounts = "feature_counts", alpha, complement }

    public init(classes: [String], alpha: Double = 1, complement: Bool = true) {
        self.classes = classes
        self.complement = complement
        self.documentCounts = Array(repeating: 0, count: classes.count)
        self.featureCounts = [:]
        self.alpha = alpha
        refresh()
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        classes = try container.decode([String].self, forKey: .classes)
        documentCounts = try container.decode([Int].self, forKey: .documentCounts)
        featureCounts = try container.decode([String: [Int]].self, forKey: .featureCounts)
        alpha = try container.decodeIfPresent(Double.self, forKey: .alpha) ?? 1
        complement = try container.decodeIfPresent(Bool.self, forKey: .complement) ?? true
        guard documentCounts.count == classes.count, featureCounts.values.allSatisfy({ $0.count == classes.count }) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "counts do not match the classes"))
        }
        refresh()
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(classes, forKey: .classes)
        try container.encode(documentCounts, forKey: .documentCounts)
        try container.encode(featureCounts, forKey: .featureCounts)
        try container.encode(alpha, forKey: .alpha)
        try container.encode(complement, forKey: .complement)
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.classes == rhs.classes && lhs.documentCounts == rhs.documentCounts && lhs.featureCounts == rhs.featureCounts
            && lhs.alpha == rhs.alpha && lhs.complement == rhs.complement
    }

    /// Adds labelled examples (features of each document and its class); an unknown class is added.
    public mutating func train<S: Sequence>(_ examples: S) where S.Element == (features: Set<String>, label: String) {
        for (features, label) in examples {
            var classIndex = classes.firstIndex(of: label)
            if classIndex == nil {
                classes.append(label)
                documentCounts.append(0)
                for key in featureCounts.keys { featureCounts[key]!.append(0) }
                classIndex = classes.count - 1
            }
            let c = classIndex!
            documentCounts[c] += 1
            for feature in features {
                featureCounts[feature, default: Array(repeating: 0, count: classes.count)][c] += 1
            }
        }
        refresh()
    }

    /// Drops features seen in fewer than `minDocuments` documents, to keep a saved model small.
    public mutating func prune(minDocuments: Int) {
        featureCounts = featureCounts.filter { $0.value.reduce(0, +) >= minDocuments }
        refresh()
    }

    /// Whether the model has seen any examples.
    public var isTrained: Bool { documentCounts.reduce(0, +) > 0 }

    /// Log posterior (up to a constant) of each class, in the order of `classes`.
    public func logScores(_ features: Set<String>) -> [Double] {
        var scores = logPriors
        for feature in features {
            guard let likelihoods = logLikelihoods[feature] else { continue }
            for c in scores.indices { scores[c] += likelihoods[c] }
        }
        return scores
    }

    /// Class probabilities, in the order of `classes`.
    public func probabilities(_ features: Set<String>) -> [Double] {
        Self.softmax(logScores(features))
    }

    static func softmax(_ scores: [Double]) -> [Double] {
        guard let top = scores.max() else { return [] }
        let exps = scores.map { exp($0 - top) }
        let total = exps.reduce(0, +)
        return exps.map { $0 / total }
    }

    private mutating func refresh() {
        let totalDocuments = Double(documentCounts.reduce(0, +))
        let k = Double(max(classes.count, 1))
        logPriors = documentCounts.map { log((Double($0) + 1) / (totalDocuments + k)) }
        // Multinomial over binary features: each class's feature mass is its total feature occurrences.
        var totals = Array(repeating: 0.0, count: classes.count)
        for counts in featureCounts.values { for c in counts.indices { totals[c] += Double(counts[c]) } }
        let vocabulary = Double(featureCounts.count)
        if complement {
            let grand = totals.reduce(0, +)
            let denominators = totals.map { log(grand - $0 + alpha * vocabulary) }
            let all = featureCounts.values.map { $0.reduce(0, +) }
            logPriors = Array(repeating: 0, count: classes.count)
            var index = 0
            var likelihoods: [String: [Double]] = [:]
            likelihoods.reserveCapacity(featureCounts.count)
            for (feature, counts) in featureCounts {
                let sum = all[index]
                index += 1
                likelihoods[feature] = counts.indices.map { denominators[$0] - log(Double(sum - counts[$0]) + alpha) }
            }
            logLikelihoods = likelihoods
            return
        }
        let denominators = totals.map { log($0 + alpha * vocabulary) }
        logLikelihoods = featureCounts.mapValues { counts in
            counts.indices.map { log(Double(counts[$0]) + alpha) - denominators[$0] }
        }
    }
}
