import Testing

@testable import OtklikText

@Suite struct TokenizerTests {
    @Test func lowerCasesFoldsYoAndKeepsEmoji() {
        let tokens = Tokenizer.tokenize("Ёлки-палки, ВСЁ Отлично!!! 👍🏻 :)")
        #expect(tokens.filter { $0.kind == .word }.map(\.text) == ["елки", "палки", "все", "отлично"])
        #expect(tokens.filter { $0.kind == .emoji }.map(\.text) == ["👍", ":)"])
        #expect(tokens.filter { $0.kind == .mark }.count == 3)
    }

    @Test func russianChatSmileysAndApostrophes() {
        #expect(Tokenizer.tokenize("спасибо)))").map(\.text) == ["спасибо", ":)"])
        #expect(Tokenizer.tokenize("опять сломалось(((").last?.text == ":(")
        #expect(Tokenizer.tokenize("(в скобках) текст").allSatisfy { $0.kind == .word } == true)
        #expect(Tokenizer.tokenize("I don't like it").map(\.text) == ["i", "don't", "like", "it"])
    }

    @Test func boundariesSeparateSentencesAndClauses() {
        let tokens = Tokenizer.tokenize("Долго, но вежливо. Спасибо")
        #expect(tokens.filter { $0.kind == .boundary }.map(\.text) == [",", "."])
    }

    @Test func emptyEmojiOnlyAndLongText() {
        #expect(Tokenizer.tokenize("").isEmpty)
        #expect(Tokenizer.tokenize("   \n\t ").isEmpty)
        #expect(Tokenizer.tokenize("😡😡👎").map(\.text) == ["😡", "😡", "👎"])
        let long = String(repeating: "очень долго ждали оператора. ", count: 20_000)
        #expect(Tokenizer.tokenize(long).filter { $0.kind == .word }.count == 80_000)
    }

    @Test func mixedLanguage() {
        let mix = LanguageDetector.mix("Приложение crashes после update, support не отвечает")
        #expect(mix.primary == "ru")
        #expect(mix.isMixed)
        #expect(mix.languages == ["ru", "en"])
        #expect(!LanguageDetector.mix("Оператор Ivan был вежлив").isMixed)
        #expect(LanguageDetector.mix("👍").primary == nil)
        let tokens = Tokenizer.tokenize("очередь queue")
        #expect(tokens.map(Stemmer.stem) == ["очеред", "queue"])
    }
}
