import Testing

@testable import OtklikText

/// The shipped default (lexicon, no model) on service complaints and praise: the three misclassifications reported in
/// issue 16 and more of the same kind, in Russian and English.
@Suite struct ServiceSentimentTests {
    let analyzer = TextAnalyzer()

    @Test(arguments: [
        // Reported in issue 16.
        ("Fees are too high.", SentimentLabel.negative),
        ("Цены на обслуживание карты выросли без предупреждения", .negative),
        ("Ипотеку оформляли три часа, документы теряли дважды", .negative),
        // Costs that rise, lost documents, waiting, nobody calling back.
        ("Комиссию за перевод подняли без предупреждения", .negative),
        ("Prices went up again.", .negative),
        ("They lost my documents twice.", .negative),
        ("Nobody called back after three days.", .negative),
        ("Ждал в очереди сорок минут, ни одно окно не работало", .negative),
        ("Сотрудники совсем не вежливые", .negative),
        // Contrast: the later clause weighs more.
        ("Очередь небольшая, но сотрудники грубят", .negative),
        ("The queue was long, but the staff were quick and polite", .positive),
        ("Очередь была длинная, однако сотрудник быстро всё оформил", .positive),
        // Praise of service.
        ("Оператор быстро перезвонил и всё решил", .positive),
        ("The agent called back quickly and was polite.", .positive),
        ("Never had a problem with this bank", .positive),
    ])
    func serviceComments(text: String, expected: SentimentLabel) {
        #expect(analyzer.analyze(text).label == expected, "\(text)")
    }

    @Test func aNegatedRiseOfCostIsNoComplaint() {
        #expect(analyzer.analyze("Цены не выросли, всё работает как раньше").label != .negative)
        #expect(analyzer.analyze("The fee is not high at all.").label != .negative)
        #expect(analyzer.analyze("Fees are too high.").score < analyzer.analyze("Fees.").score)
    }

    @Test func costAndRiseMustShareASentence() {
        #expect(analyzer.analyze("Цены указаны на сайте. Курс вырос.").label == .neutral)
    }

    @Test func aCustomLexiconWithoutCostsHasNoPriceRule() throws {
        var custom = SentimentLexicon.standard
        custom = SentimentLexicon(words: custom.words, negators: custom.negators, intensifiers: custom.intensifiers, contrasts: custom.contrasts)
        #expect(TextAnalyzer(lexicon: custom).analyze("Fees are higher.").label != .negative)
    }
}
