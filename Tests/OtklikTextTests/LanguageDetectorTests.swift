import Testing
@testable import OtklikText

@Suite struct LanguageDetectorTests {
    @Test func russianEnglishAndNeither() {
        #expect(LanguageDetector.detect("Очень долго ждал в очереди") == "ru")
        #expect(LanguageDetector.detect("The operator was very polite") == "en")
        #expect(LanguageDetector.detect("Оператор Ivan был вежлив") == "ru")
        #expect(LanguageDetector.detect("👍 123 !!!") == nil)
        #expect(LanguageDetector.detect("") == nil)
    }
}
