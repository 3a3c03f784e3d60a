import Foundation

/// The churn analysis of issue 18 item 6 on the features and outcomes of three dates (``ChurnWindow``): fit on the
/// first, validate on the second against recency alone, refit on the second and score the customers active at the
/// as-of date. The store reads the features; this is pure.
public enum ChurnAnalysis {
    /// The customers and their features at one date and, for a labelled date, who churned (made no purchase in the
    /// horizon after it).
    public struct Population: Sendable {
        public var features: [ChurnFeatures]
        public var churned: Set<String>

        public init(features: [ChurnFeatures], churned: Set<String>) {
            self.features = features
            self.churned = churned
        }
    }

    /// A fitted and validated model with the customers to score: what a server keeps for a day and words in either
    /// language.
    public struct Fitted: Sendable {
        public var validation: ChurnValidation
        public var model: ChurnModel
        public var current: [ChurnFeatures]

        /// Every current customer's probability and reasons in `lang`, highest probability first.
        public func result(lang: String) -> ChurnResult {
            let customers = current.map { model.score($0, lang: lang) }
                .sorted { $0.probability != $1.probability ? $0.probability > $1.probability : $0.customer < $1.customer }
                .map { ChurnResult.Customer(customer: $0.customer, churnProbability: $0.probability, reasons: $0.reasons) }
            return ChurnResult(
                validation: validation, customers: customers,
                coefficients: zip(ChurnSignal.allCases, model.regression.coefficients).map { .init(signal: $0.rawValue, coefficient: $1) },
                intercept: model.regression.intercept, fittedOn: model.trainedOn)
        }
    }

    public static func fit(
        window: ChurnWindow, training: Population, validation: Population, current: [ChurnFeatures], lambda: Double = ChurnModel.defaultLambda
    ) throws(ChurnModelError) -> Fitted {
        let first = try ChurnModel.fit(training.features, churned: training.churned, lambda: lambda)
        var measured = ChurnValidation.measure(
            probabilities: validation.features.map(first.probability), recency: validation.features.map { $0[.recency] },
            churned: validation.features.map { validation.churned.contains($0.customer) })
        measured.window = window
        measured.trainN = training.features.count
        let model = try ChurnModel.fit(validation.features, churned: validation.churned, lambda: lambda)
        return Fitted(validation: measured, model: model, current: current)
    }

    public static func analyze(
        window: ChurnWindow, training: Population, validation: Population, current: [ChurnFeatures], lang: String = "en",
        lambda: Double = ChurnModel.defaultLambda
    ) throws(ChurnModelError) -> ChurnResult {
        try fit(window: window, training: training, validation: validation, current: current, lambda: lambda).result(lang: lang)
    }
}
