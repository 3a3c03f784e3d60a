import Testing
@testable import OtklikMetrics

/// Kano evaluation table and coefficients (METHODS.md "Kano").
@Suite struct KanoTests {
    @Test func evaluationTable() {
        let rows = "Q A A A O|R I I I M|R I I I M|R I I I M|R R R R Q".split(separator: "|").map { $0.split(separator: " ").map(String.init) }
        for (f, functional) in KanoAnswer.allCases.enumerated() {
            for (d, dysfunctional) in KanoAnswer.allCases.enumerated() {
                #expect(KanoCategory(functional: functional, dysfunctional: dysfunctional).rawValue == rows[f][d])
            }
        }
        #expect(KanoAnswer(code: "Lw") == .liveWith)
        #expect(KanoAnswer(code: "must-be") == .mustBe)
        #expect(KanoAnswer(code: "5") == .dislike)
        #expect(KanoAnswer(code: "maybe") == nil)
    }

    @Test func categoryAndCoefficients() {
        // 3 A (L/N), 2 O (L/D), 2 M (N/D), 1 I (N/N), 1 Q (L/L), 1 R (D/L)
        let pairs: [(functional: KanoAnswer, dysfunctional: KanoAnswer)] =
            Array(repeating: (.like, .neutral), count: 3) + Array(repeating: (.like, .dislike), count: 2)
            + Array(repeating: (.neutral, .dislike), count: 2) + [(.neutral, .neutral), (.like, .like), (.dislike, .like)]
        let result = KanoAnalysis(feature: "wifi", pairs: pairs)
        #expect(result.n == 10)
        #expect(result.category == .attractive)
        #expect(result.counts["Q"] == 1 && result.counts["R"] == 1)
        #expect(abs(result.better! - 5.0 / 8) < 1e-12)
        #expect(abs(result.worse! - -4.0 / 8) < 1e-12)
    }

    @Test func tiesPreferMustBeThenOneDimensional() {
        let tie = KanoAnalysis(feature: "x", pairs: [(.like, .dislike), (.neutral, .dislike), (.like, .neutral)])
        #expect(tie.category == .mustBe)
        let tie2 = KanoAnalysis(feature: "x", pairs: [(.like, .dislike), (.like, .neutral)])
        #expect(tie2.category == .oneDimensional)
        let none = KanoAnalysis(feature: "x", pairs: [(.like, .like)])
        #expect(none.category == .questionable && none.better == nil)
    }
}
