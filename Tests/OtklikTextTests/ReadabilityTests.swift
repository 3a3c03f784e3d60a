import Testing

@testable import OtklikText

@Suite struct ReadabilityTests {
    @Test func englishFleschFromCounts() {
        let readability = ReadabilityScorer.score("The cat sat on the mat. It was happy.")
        #expect(readability.language == "en")
        #expect(readability.sentences == 2)
        #expect(readability.words == 9)
        #expect(readability.syllables == 10)  // hap-py
        let expected = 206.835 - 1.015 * 4.5 - 84.6 * (10.0 / 9.0)
        #expect(abs((readability.score ?? 0) - expected) < 1e-9)
    }

    @Test func russianObornevaFromCounts() {
        let readability = ReadabilityScorer.score("Мы ждём вас. Приходите завтра!")
        #expect(readability.language == "ru")
        #expect(readability.sentences == 2)
        #expect(readability.words == 5)
        #expect(readability.syllables == 9)  // мы(1) ждём(1) вас(1) при-хо-ди-те(4) зав-тра(2)
        let expected = 206.835 - 1.3 * 2.5 - 60.1 * (9.0 / 5.0)
        #expect(abs((readability.score ?? 0) - expected) < 1e-9)
    }

    @Test func plainIsEasierThanBureaucratic() {
        let plain = ReadabilityScorer.score("Мы вернём деньги завтра. Звоните, если будут вопросы.").score ?? 0
        let heavy = ReadabilityScorer.score(
            "Вследствие необходимости осуществления дополнительной верификации предоставленной документации возврат денежных средств осуществляется в течение продолжительного времени."
        ).score ?? 0
        #expect(plain > heavy)
        #expect(ReadabilityScorer.score("👍").score == nil)
    }

    @Test func triggerWordsAtStemLevel() {
        let checker = TriggerWordChecker()
        let hits = checker.check("Успокойтесь, это не положено. Unfortunately it's impossible, calm down.")
        #expect(hits.map(\.word).contains("успокойтесь"))
        #expect(hits.map(\.word).contains("не положено"))
        #expect(hits.map(\.word).contains("impossible"))
        #expect(hits.map(\.word).contains("calm down"))
        #expect(checker.check("Спасибо, что обратились! Мы всё исправим.").isEmpty)
        #expect(TriggerWordChecker(list: TriggerWordList(words: ["проблема"])).check("Опять проблемы с картой").count == 1)
    }
}
