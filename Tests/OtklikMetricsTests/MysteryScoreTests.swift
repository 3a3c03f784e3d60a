import Foundation
import OtklikCore
import OtklikMetrics
import Testing

/// Issue 23 item 1: the mystery-shopping score by hand.
@Suite struct MysteryScoreTests {
    static let checklist = MysteryChecklist(code: "std", title: "Стандарт", items: [
        .init(code: "greet", text: "Поздоровался", weight: 2, requiredPhrase: "Здравствуйте!"),
        .init(code: "listen", text: "Выслушал", weight: 1),
        .init(code: "tidy", text: "Порядок в зале", weight: 1, kind: .score, maxScore: 4, photo: true),
    ])

    /// greet yes (2·1), listen no (1·0), tidy 3 of 4 (1·0.75): 100·2.75/4 = 68.75. Leaving "listen" out: 100·2.75/3 = 91.667.
    @Test func aVisitIsTheWeightedFulfilmentOfItsAnsweredItems() {
        #expect(MysteryScore.visit(["greet": 1, "listen": 0, "tidy": 3], checklist: Self.checklist) == 68.75)
        #expect(abs((MysteryScore.visit(["greet": 1, "tidy": 3], checklist: Self.checklist) ?? 0) - 91.66666666666667) < 1e-9)
        #expect(MysteryScore.visit(["unknown": 1], checklist: Self.checklist) == nil)
        #expect(Self.checklist.items[2].fulfilment(5) == nil && Self.checklist.items[0].fulfilment(2) == nil)
    }

    /// Scores 68.75, 100, 50: mean 72.9167; s = 25.2591 (Python statistics.stdev), t(0.975, 2) = 4.302653;
    /// half-width 4.302653·25.2591/√3 = 62.747 → [10.1696; 135.66] clamped to [10.1696; 100].
    @Test func aGroupIsTheMeanOfItsVisitsWithAStudentInterval() {
        let value = MysteryScore.summary([68.75, 100, 50])
        #expect(value.n == 3 && abs((value.value ?? 0) - 72.91666666666667) < 1e-9)
        #expect(abs((value.ciLow ?? 0) - 10.169647688793908) < 1e-3 && value.ciHigh == 100)
        #expect(MysteryScore.summary([80], minimumN: 2).value == nil)
    }

    @Test func checklistsAndResultsAreValidated() {
        #expect(throws: OtklikError.self) { try MysteryChecklist(code: "x", title: "T", items: []).validate() }
        #expect(throws: OtklikError.self) {
            try MysteryChecklist(code: "x", title: "T", items: [.init(code: "a", text: "A"), .init(code: "a", text: "B")]).validate()
        }
        #expect(throws: OtklikError.self) { try MysteryChecklist(code: "x", title: "T", items: [.init(code: "a", text: "A", weight: 0)]).validate() }
        #expect(throws: OtklikError.self) {
            try MysteryResult(visit: "v", shopper: "s", at: Date(), answers: ["tidy": 5]).validate(against: Self.checklist)
        }
        #expect(throws: OtklikError.self) { try MysteryResult(visit: "v", shopper: "s", at: Date(), answers: [:]).validate(against: Self.checklist) }
    }
}
