import Foundation

/// A saved sentiment model of either kind: the linear model `otklik text train` writes now, or a naive Bayes model
/// written by earlier versions (still read, so stored models keep working).
public enum TrainedSentimentModel: Sendable {
    case linear(LinearSentimentModel)
    case naiveBayes(NaiveBayesModel)

    /// Reads a model file or stored JSON: linear when it carries `"kind": "linear"`, naive Bayes otherwise.
    public static func decode(_ data: Data) throws -> TrainedSentimentModel {
        struct Kind: Decodable { var kind: String? }
        if (try? JSONDecoder().decode(Kind.self, from: data))?.kind == LinearSentimentModel.kind {
            return .linear(try JSONDecoder().decode(LinearSentimentModel.self, from: data))
        }
        return .naiveBayes(try JSONDecoder().decode(NaiveBayesModel.self, from: data))
    }

    /// Class names the model predicts.
    public var classes: [String] {
        switch self {
        case .linear(let model): model.classes
        case .naiveBayes(let model): model.classes
        }
    }

    /// A classifier using this model beside the lexicon `scorer`.
    public func classifier(scorer: LexiconSentimentScorer = LexiconSentimentScorer()) -> SentimentClassifier {
        switch self {
        case .linear(let model): SentimentClassifier(scorer: scorer, linear: model)
        case .naiveBayes(let model): SentimentClassifier(scorer: scorer, model: model)
        }
    }
}
