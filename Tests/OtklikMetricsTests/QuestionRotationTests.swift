import Foundation
import Testing
@testable import OtklikMetrics

/// Question rotation: the integral question always asked, at most K pool questions, no duplicates, and every pool
/// question's share within 4 binomial SD of K/|pool| (random) or within one respondent of it (balanced).
@Suite struct QuestionRotationTests {
    static let pool = (1...12).map { "q\($0)" }

    @Test func randomRotationGivesEveryQuestionAFairShare() throws {
        let rotation = try #require(QuestionRotation(integral: "nps", pool: Self.pool, perRespondent: 4, seed: 2026))
        #expect(abs(rotation.inclusionProbability - 1.0 / 3) < 1e-12)
        var tally = RotationTally()
        var pairs: [String: Int] = [:]
        let n = 12_000
        for i in 0..<n {
            let questions = rotation.questions(for: "respondent-\(i)", tally: &tally)
            #expect(questions.first == "nps" && questions.count == 5 && Set(questions).count == 5)
            let chosen = Array(questions.dropFirst())
            #expect(chosen == Self.pool.filter(chosen.contains))  // pool order
            for a in chosen { for b in chosen where a < b { pairs["\(a)+\(b)", default: 0] += 1 } }
        }
        #expect(tally.respondents == n && tally.count(of: "nps") == n)
        let p = 4.0 / 12, sd = (p * (1 - p) / Double(n)).squareRoot()
        for question in Self.pool {
            let share = try #require(tally.share(of: question))
            #expect(abs(share - p) < 4 * sd, "\(question): \(share)")
        }
        // Uniform without replacement: every pair is asked together with probability K(K−1)/(|pool|(|pool|−1)) = 1/11.
        #expect(pairs.count == 66)
        let pairP = 12.0 / 132, pairSD = (pairP * (1 - pairP) / Double(n)).squareRoot()
        #expect(pairs.values.allSatisfy { abs(Double($0) / Double(n) - pairP) < 4.5 * pairSD })
    }

    @Test func rotationIsDeterministicGivenSeedAndRespondent() throws {
        let rotation = try #require(QuestionRotation(integral: "ces", pool: Self.pool, perRespondent: 3, seed: 1))
        let other = try #require(QuestionRotation(integral: "ces", pool: Self.pool, perRespondent: 3, seed: 2))
        #expect(rotation.questions(for: "anna") == rotation.questions(for: "anna"))
        let people = (0..<50).map { "p\($0)" }
        #expect(Set(people.map { rotation.questions(for: $0) }).count > 25)
        #expect(people.map { rotation.questions(for: $0) } != people.map { other.questions(for: $0) })
    }

    @Test func balancedRotationKeepsCountsWithinOne() throws {
        let rotation = try #require(QuestionRotation(integral: "nps", pool: Self.pool, perRespondent: 5, balanced: true, seed: 9))
        var tally = RotationTally()
        for i in 0..<1_000 {
            let questions = rotation.questions(for: "r\(i)", tally: &tally)
            #expect(questions.first == "nps" && questions.count == 6 && Set(questions).count == 6)
            let counts = Self.pool.map { tally.count(of: $0) }
            #expect(counts.max()! - counts.min()! <= 1)
        }
        // 1 000 · 5 / 12 = 416.67 per question: every count is 416 or 417.
        #expect(Self.pool.allSatisfy { (416...417).contains(tally.count(of: $0)) })
        let data = try JSONEncoder().encode(tally)
        #expect(try JSONDecoder().decode(RotationTally.self, from: data) == tally)
    }

    @Test func edgeCases() throws {
        let all = try #require(QuestionRotation(integral: "nps", pool: ["a", "b"], perRespondent: 5, seed: 1))
        #expect(all.questions(for: "x") == ["nps", "a", "b"] && all.asked == 2 && all.inclusionProbability == 1)
        let none = try #require(QuestionRotation(integral: "nps", pool: ["a", "b"], perRespondent: 0, seed: 1))
        #expect(none.questions(for: "x") == ["nps"])
        let empty = try #require(QuestionRotation(integral: "nps", pool: [], perRespondent: 3, seed: 1))
        #expect(empty.questions(for: "x") == ["nps"] && empty.inclusionProbability == 0)
        #expect(QuestionRotation(integral: "nps", pool: ["a", "a"], perRespondent: 1, seed: 1) == nil)
        #expect(QuestionRotation(integral: "nps", pool: ["nps", "a"], perRespondent: 1, seed: 1) == nil)
        #expect(QuestionRotation(integral: "nps", pool: ["a"], perRespondent: -1, seed: 1) == nil)
    }
}
