import Foundation
import Testing

@testable import OtklikText

@Suite struct ThemeTests {
    let analyzer = TextAnalyzer()

    @Test func assignsThemesInBothLanguages() {
        #expect(analyzer.analyze("Очень долго ждали, очередь огромная").themes == ["waiting_time", "queue"])
        #expect(analyzer.analyze("Кассир нахамила, цены завышены").themes == ["staff_politeness", "prices"])
        #expect(analyzer.analyze("The app crashes and the website is down").themes == ["app_website"])
        #expect(analyzer.analyze("Rude operator hung up on me").themes == ["staff_politeness", "phone_contact"])
        #expect(analyzer.analyze("Грязно в туалете").themes == ["cleanliness"])
        #expect(analyzer.analyze("Просто текст без тем").themes.isEmpty)
    }

    @Test func multiWordKeywordsNeedTheWholePhrase() {
        #expect(analyzer.analyze("Не работает личный кабинет").themes == ["app_website"])
        #expect(analyzer.analyze("Мой личный опыт").themes.isEmpty)
    }

    @Test func taxonomyIsEditableJSON() throws {
        let json = #"{"themes": [{"id": "parking", "name_ru": "Парковка", "name_en": "Parking", "keywords": ["парковка", "parking lot"]}]}"#
        let taxonomy = try JSONDecoder().decode(ThemeTaxonomy.self, from: Data(json.utf8))
        let analyzer = TextAnalyzer(taxonomy: taxonomy)
        #expect(analyzer.analyze("Негде парковаться, парковки нет").themes == ["parking"])
        #expect(analyzer.analyze("The parking lot was full").themes == ["parking"])
        #expect(analyzer.analyze("Долго ждал").themes.isEmpty)
    }

    @Test func discoversRecurringUncoveredNGrams() {
        let negative = [
            "Банкомат не выдал наличные, ужас", "Опять банкомат не выдал наличные", "банкомат съел карту и не выдал наличные",
            "Долго ждал в очереди", "ужасно долго", "Банкомат не работает второй день",
        ]
        let positive = ["Всё отлично", "Банкомат работает, спасибо", "Хорошее отделение"]
        let discovery = ThemeDiscovery()
        let candidates = { (text: String) -> [String: String] in
            let prepared = PreparedText(text)
            return discovery.candidates(tokens: prepared.tokens, stems: prepared.stems)
        }
        let found = discovery.discover(negative: negative.map(candidates), all: (negative + positive).map(candidates))
        #expect(found.first?.phrase.contains("наличные") == true)
        #expect(!found.contains { $0.stems == "очеред" })  // the taxonomy already has queues
        #expect(!found.contains { $0.stems.contains("ужасн") })  // sentiment words are not themes
    }

    @Test func discoveryKeepsNegationInsidePhrases() {
        let discovery = ThemeDiscovery()
        let prepared = PreparedText("Мобильный перевод не проходит, терминал не печатает")
        let candidates = discovery.candidates(tokens: prepared.tokens, stems: prepared.stems)
        #expect(candidates.values.contains("не проходит") && candidates.values.contains("не печатает"))
        #expect(!candidates.values.contains("проходит") && !candidates.values.contains("печатает"))
        let negative = ["Перевод не проходит", "перевод опять не проходит", "почему перевод не проходит"].map { text in
            let prepared = PreparedText(text)
            return discovery.candidates(tokens: prepared.tokens, stems: prepared.stems)
        }
        let found = discovery.discover(negative: negative, all: negative)
        #expect(found.contains { $0.phrase.contains("не проходит") })
        #expect(!found.contains { $0.phrase == "проходит" })
        let english = PreparedText("the scanner did not beep")
        #expect(discovery.candidates(tokens: english.tokens, stems: english.stems).values.contains("not beep"))
    }
}
