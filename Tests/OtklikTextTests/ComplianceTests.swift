import Foundation
import OtklikCore
import Testing

@testable import OtklikText

@Suite struct ComplianceTests {
    let event = ServiceStandard.example.events[0]
    let checker = StandardComplianceChecker()

    @Test func fullComplianceScores100() {
        let transcript = """
            Здравствуйте, меня зовут Анна. Приносим извинения за неудобства. Расскажите, пожалуйста, что случилось?
            Мы можем предложить компенсацию. Спасибо за обратную связь!
            """
        let report = checker.check(transcript, against: event)
        #expect(report.score == 100)
        #expect(report.tasksMet == 5)
        #expect(report.items.filter { $0.kind == .requiredPhrase }.allSatisfy { $0.met })
    }

    @Test func fuzzyMatchingToleratesInsertedWordsAndOtherForms() {
        // "извинения за неудобства" said as "приносим вам свои извинения за эти неудобства"
        let report = checker.check("Приносим вам свои извинения за эти неудобства", against: event)
        let apology = report.items.first { $0.task == "Apologise for the inconvenience" }
        #expect(apology?.met == true)
        #expect(report.tasksMet == 1)
        #expect(report.score == 20)
    }

    @Test func missedPhrasesAndForbiddenWordsLowerTheScore() {
        let report = checker.check("Hello, my name is Tom. Calm down, please. Thank you for your feedback.", against: event)
        #expect(report.tasksMet == 2)
        #expect(report.forbiddenUsed == 1)
        #expect(report.score == 100 * 2 / 5 - 20)
        #expect(report.items.contains { $0.kind == .forbiddenWord && $0.text == "calm down" && !$0.met })
        #expect(checker.check("", against: event).score == 0)
    }

    @Test func standardIsDataAndPlaybooksConvert() throws {
        let json = #"{"name": "Complaint", "events": [{"event": "complaint", "tasks": [{"task": "Thank", "phrases": ["спасибо за обращение"]}], "forbidden": ["нельзя"]}]}"#
        let standard = try JSONDecoder().decode(ServiceStandard.self, from: Data(json.utf8))
        let event = try #require(standard.event("complaint"))
        #expect(checker.check("Спасибо за ваше обращение", against: event).score == 100)
        #expect(checker.check("Спасибо за ваше обращение, но так нельзя", against: event).score == 80)
    }

    @Test func storedPlaybookBecomesAnEvent() {
        let playbook = Playbook(
            event: "complaint:waiting_time", titleRu: "Жалоба на ожидание", titleEn: "Waiting complaint",
            tasks: ["Извиниться", "Предложить решение"], phrases: ["извините за ожидание"])
        let event = ServiceStandard.Event(playbook: playbook, forbidden: ["успокойтесь"])
        #expect(checker.check("Извините, пожалуйста, за долгое ожидание", against: event).score == 100)
        #expect(checker.check("Успокойтесь", against: event).score == 0)
    }
}
