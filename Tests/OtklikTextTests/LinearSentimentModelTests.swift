import Foundation
import Testing

@testable import OtklikText

@Suite struct LinearSentimentModelTests {
    static let examples: [(text: String, label: SentimentLabel)] = [
        ("карту заблокировали без объяснений", .negative), ("деньги списали дважды", .negative),
        ("снова списали комиссию", .negative), ("приложение не работает", .negative), ("опять не работает терминал", .negative),
        ("курс валюты на сегодня", .neutral), ("новое отделение открылось", .neutral), ("график работы отделения", .neutral),
        ("отделение работает до восьми", .neutral), ("терминал работает в холле", .neutral),
        ("быстро одобрили кредит", .positive), ("кешбэк пришел вовремя", .positive), ("одобрили карту за день", .positive),
    ]

    @Test func trainsAndPredictsThreeClasses() {
        let model = LinearSentimentTrainer(features: HashedSentimentFeatures(buckets: 1 << 12)).train(Self.examples)
        #expect(model.classes == ["negative", "neutral", "positive"])
        let analyzer = TextAnalyzer(trained: .linear(model))
        #expect(analyzer.analyze("опять списали комиссию").label == .negative)
        #expect(analyzer.analyze("график отделения").label == .neutral)
        #expect(analyzer.analyze("одобрили быстро").label == .positive)
        let score = analyzer.analyze("одобрили быстро").score
        #expect(score > 0 && score <= 1)
    }

    @Test func negationIsMarked() {
        let features = HashedSentimentFeatures(buckets: 1 << 20, charGrams: nil)
        func extract(_ text: String) -> Set<Int> {
            let prepared = PreparedText(text)
            let verdict = LexiconSentimentScorer().score(tokens: prepared.tokens, stems: prepared.stems)
            return Set(features.extract(tokens: prepared.tokens, stems: prepared.stems, negators: SentimentLexicon.standard.negatorWords, lexicon: verdict).sparse)
        }
        let plain = extract("работает"), negated = extract("не работает"), english = extract("doesn't work")
        #expect(plain.count == 1 && plain.isDisjoint(with: negated), "«не работает» does not contain the feature of «работает»")
        #expect(extract("work").isDisjoint(with: english))
        #expect(extract("не работает. работает").isSuperset(of: plain), "a sentence end closes the negation")
        // The model learns it: «работает» neutral, «не работает» negative.
        let model = LinearSentimentTrainer(features: HashedSentimentFeatures(buckets: 1 << 12)).train(Self.examples)
        let analyzer = TextAnalyzer(trained: .linear(model))
        #expect(analyzer.analyze("не работает").label == .negative)
        #expect(analyzer.analyze("работает").label != .negative)
    }

    @Test func characterNGramsCarryUnseenForms() {
        let features = HashedSentimentFeatures(buckets: 1 << 20, charGrams: 3...5)
        let a = PreparedText("заблокировали"), b = PreparedText("заблокировать")
        let none = LexiconScore(valence: 0, hits: 0, positiveMass: 0, negativeMass: 0)
        let x = Set(features.extract(tokens: a.tokens, stems: a.stems, negators: [], lexicon: none).sparse)
        let y = Set(features.extract(tokens: b.tokens, stems: b.stems, negators: [], lexicon: none).sparse)
        #expect(x.intersection(y).count >= 8)
    }

    @Test func classWeightsKeepTheRareClass() {
        var data: [(text: String, label: SentimentLabel)] = (0..<60).map { ("новость номер \($0) про отделение", .neutral) }
        data += (0..<6).map { ("фыва ролд \($0)", .negative) }
        let balanced = LinearSentimentTrainer(features: HashedSentimentFeatures(buckets: 1 << 12), lexicon: .standard, epochs: 3).train(data)
        let unbalanced = LinearSentimentTrainer(features: HashedSentimentFeatures(buckets: 1 << 12), lexicon: .standard, epochs: 3, balanced: false).train(data)
        func negative(_ model: LinearSentimentModel) -> Double {
            let prepared = PreparedText("фыва")
            return model.probabilities(tokens: prepared.tokens, stems: prepared.stems, negators: [], lexicon: LexiconScore(valence: 0, hits: 0, positiveMass: 0, negativeMass: 0))[0]
        }
        #expect(negative(balanced) > negative(unbalanced))
    }

    @Test func savesAndLoadsCompactly() throws {
        let model = LinearSentimentTrainer(features: HashedSentimentFeatures(buckets: 1 << 12)).train(Self.examples)
        let data = try JSONEncoder().encode(model)
        #expect(data.count < (1 << 12) * 3 * 3, "16-bit weights in base64")
        guard case .linear(let loaded) = try TrainedSentimentModel.decode(data) else {
            Issue.record("decoded as naive Bayes")
            return
        }
        #expect(loaded.classes == model.classes && loaded.features == model.features)
        for (a, b) in zip(loaded.weights, model.weights) { #expect(abs(a - b) <= 1e-3 * max(1, abs(b))) }
        for example in Self.examples {
            #expect(TextAnalyzer(trained: .linear(loaded)).analyze(example.text).label == TextAnalyzer(trained: .linear(model)).analyze(example.text).label)
        }
        var bayes = NaiveBayesModel(classes: ["negative", "positive"])
        bayes.train([(features: Set(["плохо"]), label: "negative"), (features: Set(["хорошо"]), label: "positive")])
        guard case .naiveBayes(let old) = try TrainedSentimentModel.decode(JSONEncoder().encode(bayes)) else {
            Issue.record("a naive Bayes file must still load")
            return
        }
        #expect(old == bayes)
        #expect(throws: (any Error).self) { try TrainedSentimentModel.decode(Data(#"{"kind":"linear","classes":["a"]}"#.utf8)) }
    }

    @Test func crossValidationIsDeterministic() {
        let trainer = LinearSentimentTrainer(features: HashedSentimentFeatures(buckets: 1 << 12))
        let data = trainer.encode(Self.examples + Self.examples)
        let first = trainer.crossValidate(data, folds: 3), second = trainer.crossValidate(data, folds: 3)
        #expect(first.predicted == second.predicted && first.macroF1 > 0.5)
    }

    @Test func characterNGramsCanBeTurnedOff() throws {
        let model = LinearSentimentTrainer(features: HashedSentimentFeatures(buckets: 1 << 10, charGrams: nil)).train(Self.examples)
        guard case .linear(let loaded) = try TrainedSentimentModel.decode(JSONEncoder().encode(model)) else {
            Issue.record("not linear")
            return
        }
        #expect(loaded.features.charGrams == nil && loaded.features.buckets == 1 << 10)
        #expect(TextAnalyzer(trained: .linear(loaded)).analyze("опять списали комиссию").label == .negative)
    }
}
