import Foundation

/// A fitted churn model: each signal's model value standardised by the training population's mean and standard
/// deviation, then an L2-regularised logistic regression (``LogisticRegression``). A signal constant in training gets
/// no weight. A customer's reasons are the signals whose contribution (coefficient × standardised value) raises the
/// log-odds by at least ``reasonThreshold``, largest first.
public struct ChurnModel: Sendable {
    public var means: [Double]
    public var deviations: [Double]
    public var regression: LogisticRegression
    public var trainedOn: Int
    public var trainingChurnRate: Double

    public struct Reason: Sendable, Equatable, Codable {
        public var signal: String
        public var contribution: Double
        public var text: String
    }

    public struct Score: Sendable, Equatable {
        public var customer: String
        public var probability: Double
        public var reasons: [Reason]
    }

    public static let defaultLambda = 1.0
    /// The smallest contribution (in log-odds) worth naming as a reason: 0.1, about 2 percentage points near 30 %.
    public static let reasonThreshold = 0.1

    /// Fits on customers' features and whether each churned; needs at least one churner and one who stayed.
    public static func fit(_ features: [ChurnFeatures], churned: Set<String>, lambda: Double = defaultLambda) throws(ChurnModelError) -> ChurnModel {
        guard !features.isEmpty else { throw .noCustomers }
        let y = features.map { churned.contains($0.customer) }
        let positives = y.filter { $0 }.count
        guard positives > 0, positives < y.count else { throw .oneClass(customers: y.count, churned: positives) }
        let values = features.map(\.modelValues)
        let d = ChurnSignal.allCases.count
        var means = [Double](repeating: 0, count: d), deviations = [Double](repeating: 0, count: d)
        for j in 0..<d {
            let column = values.map { $0[j] }
            let mean = column.reduce(0, +) / Double(column.count)
            let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(column.count - 1, 1))
            means[j] = mean
            deviations[j] = variance.squareRoot()
        }
        let standardised = values.map { standardise($0, means, deviations) }
        let regression = LogisticRegression.fit(standardised, y, lambda: lambda)
        return ChurnModel(
            means: means, deviations: deviations, regression: regression, trainedOn: features.count,
            trainingChurnRate: Double(positives) / Double(features.count))
    }

    static func standardise(_ x: [Double], _ means: [Double], _ deviations: [Double]) -> [Double] {
        zip(x, zip(means, deviations)).map { value, stats in stats.1 > 0 ? (value - stats.0) / stats.1 : 0 }
    }

    public func probability(_ features: ChurnFeatures) -> Double {
        regression.probability(Self.standardise(features.modelValues, means, deviations))
    }

    /// The probability and up to `reasons` signals that raise it, in words in `lang` (ru or en).
    public func score(_ features: ChurnFeatures, reasons limit: Int = 3, lang: String = "en") -> Score {
        let z = Self.standardise(features.modelValues, means, deviations)
        let contributions = ChurnSignal.allCases.indices.map { regression.coefficients[$0] * z[$0] }
        let reasons = ChurnSignal.allCases.indices
            .filter { contributions[$0] >= Self.reasonThreshold }
            .sorted { contributions[$0] > contributions[$1] }
            .prefix(limit)
            .map { j in
                let signal = ChurnSignal.allCases[j]
                return Reason(
                    signal: signal.rawValue, contribution: contributions[j],
                    text: signal.text(raw: features.raw[j], aboveMean: z[j] > 0, lang: lang))
            }
        return Score(customer: features.customer, probability: regression.probability(z), reasons: Array(reasons))
    }
}

/// Why a churn model could not be fitted.
public enum ChurnModelError: Error, Equatable, CustomStringConvertible {
    case noCustomers
    case oneClass(customers: Int, churned: Int)

    public var description: String {
        switch self {
        case .noCustomers: "no active customers to learn from"
        case .oneClass(let customers, let churned):
            "the model needs customers who churned and customers who stayed (\(churned) of \(customers) churned)"
        }
    }
}
