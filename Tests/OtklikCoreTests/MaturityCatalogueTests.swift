import OtklikCore
import Testing

/// Issue 20 item 6: seed 001's catalogue — 55 standards, 9/7/10/7/7/10/5 per domain, unique Latin ids in the seed's
/// order, the pillars per domain, texts in both languages, and the assessment's validation.
@Suite struct MaturityCatalogueTests {
    @Test func holdsTheFiftyFiveStandardsInTheSeedsOrder() {
        let items = MaturityCatalogue.items
        #expect(items.count == 55)
        #expect((1...7).map { MaturityCatalogue.items(inDomain: $0).count } == [9, 7, 10, 7, 7, 10, 5])
        #expect(Set(items.map(\.id)).count == 55)
        // Latin ids only: the digit, then a-j in order within each domain.
        for domain in 1...7 {
            let letters = MaturityCatalogue.items(inDomain: domain).map(\.id)
            let expected = "abcdefghij".prefix(letters.count).map { "\(domain)\($0)" }
            #expect(letters == expected)
        }
        #expect(items.first?.id == "1a" && items.last?.id == "7e")
        #expect(items.allSatisfy { $0.id.unicodeScalars.allSatisfy(\.isASCII) })
        #expect(items.allSatisfy { !$0.textRu.isEmpty && !$0.textEn.isEmpty && $0.textRu != $0.textEn })
        #expect(MaturityCatalogue.item("1c")?.textRu.hasPrefix("Система показателей компании измеряет прогресс") == true)
        #expect(MaturityCatalogue.item("7e")?.textEn == "We equip employees with technology and automation to help them improve interactions with customers")
    }

    @Test func pillarsCoverTheirDomains() {
        #expect(MaturityCatalogue.domains.map(\.pillar) == [.culture, .culture, .insight, .insight, .experienceDesign, .experienceDesign, .experienceDesign])
        #expect(MaturityPillar.allCases.flatMap(\.domains) == [1, 2, 3, 4, 5, 6, 7])
        #expect(MaturityCatalogue.items.filter { $0.pillar == .culture }.count == 16)
        #expect(MaturityCatalogue.items.filter { $0.pillar == .insight }.count == 17)
        #expect(MaturityCatalogue.items.filter { $0.pillar == .experienceDesign }.count == 22)
        #expect(MaturityPillar.experienceDesign.rawValue == "experience_design")
    }

    @Test func readsCyrillicLookAlikeIdsAsLatin() {
        // The seed writes 1с, 1е, 2с and 5с with Cyrillic letters.
        #expect(MaturityCatalogue.item("1с")?.id == "1c")
        #expect(MaturityCatalogue.item("1е")?.id == "1e")
        #expect(MaturityCatalogue.item("5С")?.id == "5c")
        #expect(MaturityCatalogue.item(" 2a ")?.id == "2a")
        #expect(MaturityCatalogue.item("8a") == nil && MaturityCatalogue.item("3k") == nil)
    }

    @Test func everyStandardHasACapabilityOrADash() {
        for item in MaturityCatalogue.items {
            #expect(!MaturityCatalogue.capability(item.id, "ru").isEmpty && !MaturityCatalogue.capability(item.id, "en").isEmpty)
        }
        #expect(MaturityCatalogue.capability("3h", "en").contains("/cases"))
        #expect(MaturityCatalogue.capability("1a", "en") == "—")
    }

    @Test func validatesAnAssessment() {
        func check(_ items: [MaturityItemScore], scorer: String = "anna") -> String? {
            do {
                try MaturityAssessment(id: "a", takenAt: .now, scorer: scorer, items: items).validate()
                return nil
            } catch { return error.field }
        }
        #expect(check([MaturityItemScore(itemId: "1a", score: 3)]) == nil)
        #expect(check([MaturityItemScore(itemId: "1a", score: 5)]) == "items[0].score")
        #expect(check([MaturityItemScore(itemId: "1a", score: 2), MaturityItemScore(itemId: "9z", score: 1)]) == "items[1].id")
        #expect(check([MaturityItemScore(itemId: "1a", score: 2), MaturityItemScore(itemId: "1a", score: 1)]) == "items[1].id")
        #expect(check([MaturityItemScore(itemId: "1a", score: nil, evidence: "later")]) == "items")
        #expect(check([MaturityItemScore(itemId: "1a", score: 1)], scorer: " ") == "scorer")
    }
}
