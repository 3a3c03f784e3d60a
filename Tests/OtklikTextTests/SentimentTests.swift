import Foundation
import Testing

@testable import OtklikText

@Suite struct SentimentTests {
    let analyzer = TextAnalyzer()

    @Test func lexiconLabelsPlainCases() {
        #expect(analyzer.analyze("Всё отлично, спасибо большое!").label == .positive)
        #expect(analyzer.analyze("Ужасное обслуживание, кассир нахамила").label == .negative)
        #expect(analyzer.analyze("Great service, very friendly staff").label == .positive)
        #expect(analyzer.analyze("Terrible, rude and slow").label == .negative)
        #expect(analyzer.analyze("Отделение на улице Ленина, дом 5").label == .neutral)
    }

    @Test func negationFlips() {
        let notBadRu = analyzer.analyze("не плохо")
        #expect(notBadRu.label == .positive)
        #expect(analyzer.analyze("плохо").label == .negative)
        #expect(analyzer.analyze("not bad").label == .positive)
        #expect(analyzer.analyze("not good").label == .negative)
        #expect(analyzer.analyze("I didn't like it").label == .negative)
        #expect(analyzer.analyze("без проблем, быстро").label == .positive)
        #expect(analyzer.analyze("не очень вкусно").label == .negative)
        #expect(analyzer.analyze("не очень.").label == .negative)
    }

    @Test func customerServiceComplaints() {
        #expect(analyzer.analyze("Не дозвониться до банка уже третий день").label == .negative)
        #expect(analyzer.analyze("Никто не перезвонил").label == .negative)
        #expect(analyzer.analyze("Деньги так и не вернули").label == .negative)
        #expect(analyzer.analyze("Могло быть и лучше").label == .negative)
        #expect(analyzer.analyze("Пожалуйста, перезвоните мне").label == .neutral)
        #expect(analyzer.analyze("the staff didn't care").label == .negative)
        #expect(analyzer.analyze("Nothing special").label == .negative)
        #expect(analyzer.analyze("Отличный банк, но приложение ужасное").label == .neutral)  // both, balanced
    }

    @Test func intensifiersStrengthen() {
        let plain = analyzer.analyze("вежливый оператор").score
        let strong = analyzer.analyze("очень вежливый оператор").score
        let weak = analyzer.analyze("slightly slow").score
        #expect(strong > plain)
        #expect(weak > analyzer.analyze("slow").score)
    }

    @Test func contrastWeighsWhatFollows() {
        #expect(analyzer.analyze("Долго ждал, но оператор всё отлично решил").label == .positive)
        #expect(analyzer.analyze("Staff were nice but the wait was terrible").label == .negative)
    }

    @Test func emojiAndEmptyText() {
        #expect(analyzer.analyze("👍👍").label == .positive)
        #expect(analyzer.analyze("😡").label == .negative)
        let empty = analyzer.analyze("")
        #expect(empty.label == .neutral && empty.score == 0 && empty.lang == nil && empty.themes.isEmpty)
        let emojiOnly = analyzer.analyze("🙂")
        #expect(emojiOnly.lang == nil && emojiOnly.label == .positive)
    }

    @Test func veryLongTextIsAnalysed() {
        let text = String(repeating: "Очень долго ждали в очереди, персонал грубый. ", count: 25_000)
        let analysis = analyzer.analyze(text)
        #expect(analysis.label == .negative)
        #expect(analysis.themes.contains("queue"))
        #expect(analysis.score >= -1 && analysis.score <= 1)
    }

    @Test func naiveBayesTrainsSavesAndLoads() throws {
        let examples: [(String, SentimentLabel)] = [
            ("карту заблокировали без объяснений", .negative), ("деньги списали дважды", .negative),
            ("снова списали комиссию", .negative), ("курс валюты на сегодня", .neutral),
            ("новое отделение открылось", .neutral), ("график работы отделения", .neutral),
            ("быстро одобрили кредит", .positive), ("кешбэк пришел вовремя", .positive),
            ("одобрили карту за день", .positive),
        ]
        let lexicon = SentimentLexicon.standard
        var model = NaiveBayesModel(classes: ["negative", "neutral", "positive"])
        model.train(examples.map { example in
            let prepared = PreparedText(example.0)
            return (SentimentFeatures.extract(tokens: prepared.tokens, stems: prepared.stems, negators: lexicon.negatorWords), example.1.rawValue)
        })
        let data = try JSONEncoder().encode(model)
        let loaded = try JSONDecoder().decode(NaiveBayesModel.self, from: data)
        #expect(loaded == model)
        let trained = TextAnalyzer(model: loaded)
        #expect(trained.analyze("опять списали комиссию").label == .negative)
        #expect(trained.analyze("отделение график").label == .neutral)
        #expect(trained.analyze("одобрили быстро").label == .positive)
    }

    @Test func lexiconRoundTripsAsJSON() throws {
        let custom = SentimentLexicon(words: ["волшебно": 3, "тормоза": -2], negators: ["не"], intensifiers: ["очень": 1.5], contrasts: ["но"])
        let decoded = try JSONDecoder().decode(SentimentLexicon.self, from: JSONEncoder().encode(custom))
        #expect(decoded == custom)
        let analyzer = TextAnalyzer(lexicon: decoded)
        #expect(analyzer.analyze("волшебно").label == .positive)
        #expect(analyzer.analyze("не волшебно").label == .negative)
    }

    @Test func macroF1AndEvaluation() {
        #expect(SentimentEvaluation.macroF1(gold: [.positive, .negative], predicted: [.positive, .negative]) == 1)
        #expect(SentimentEvaluation.macroF1(gold: [.positive, .positive, .negative], predicted: [.positive, .positive, .positive]) == 0.4)
        let texts: [(text: String, label: SentimentLabel)] = (0..<20).flatMap { i in
            [("отлично вежливо \(i)", SentimentLabel.positive), ("ужасно грубо \(i)", .negative)]
        }
        let report = SentimentEvaluation(folds: 5).evaluate(texts)
        #expect(report.lexiconF1 == 1)
        #expect(report.combinedF1 == 1)
        #expect(report.majorityF1 < 0.5)
    }
}
