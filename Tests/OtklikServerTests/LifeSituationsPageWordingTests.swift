@testable import OtklikServer
import OtklikCore
import OtklikStore
import Testing

/// The words of `/life-situations` as a reader sees them (defects found by looking at the demo's page): counts stand
/// after a colon so no plural form depends on the number ("1 от 1 клиентов" read wrongly), the mean time to complete is
/// left out when no request was completed (it read "в среднем — дня"), and the intro names no internal document.
@Suite struct LifeSituationsPageWordingTests {
    let localizer: Localizer
    init() throws { localizer = try Localizer(defaultLanguage: "ru") }

    @Test func requestFiguresReadWithoutPluralsAndWithoutAnEmptyMean() {
        let ru = localizer.table("ru"), en = localizer.table("en")
        let none = SituationRequestFigures(situation: "birth", customers: 1, requests: 1, completed: 0, online: 1, meanDaysToComplete: nil)
        #expect(LifeSituationsPageController.requests(none, ru, "ru") == "Заявлений на услуги: 1; клиентов: 1; завершено 0,0 %, подано онлайн 100,0 %.")
        #expect(LifeSituationsPageController.requests(none, en, "en") == "Service requests: 1; customers: 1; completed 0.0 %, online 100.0 %.")
        let some = SituationRequestFigures(situation: "birth", customers: 3, requests: 4, completed: 2, online: 1, meanDaysToComplete: 3.25)
        #expect(LifeSituationsPageController.requests(some, ru, "ru")
            == "Заявлений на услуги: 4; клиентов: 3; завершено 50,0 %, подано онлайн 25,0 %. Среднее время до завершения: 3,2 дн.")
        #expect(LifeSituationsPageController.requests(some, en, "en")
            == "Service requests: 4; customers: 3; completed 50.0 %, online 25.0 %. Mean time to complete: 3.2 days.")
        #expect(LifeSituationsPageController.requests(nil, en, "en") == en["ls_no_requests"])
    }

    @Test func theIntroAndTheRuleNameNoInternalDocumentAndReadForAnyNumber() {
        for language in ["ru", "en"] {
            let table = localizer.table(language)
            #expect(!(table["ls_intro"] ?? "").lowercased().contains("seed"), "\(language)")
        }
        let situation = LifeSituationCatalogue.defaults[0]
        #expect(LifeSituationsPageController.rule(situation, localizer.table("ru")) == "не меньше \(situation.minSignals) разных признаков из этих за \(situation.windowDays) дн.")
    }
}
