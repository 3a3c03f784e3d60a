import Foundation
import OtklikCore
import OtklikMetrics
import Testing

/// Issue 20 item 6: domain, pillar and overall scores (mean of the assessed items / 4 × 100, unassessed items left
/// out), seed 004's stage with its boundaries, the change against the previous assessment, and the evidence's share
/// and Wilson interval — all computed by hand.
@Suite struct MaturityScoringTests {
    static func assessment(_ scores: [String: Int?]) -> MaturityAssessment {
        MaturityAssessment(id: "a", takenAt: Date(timeIntervalSince1970: 0), scorer: "anna", items: scores.map { MaturityItemScore(itemId: $0.key, score: $0.value) })
    }

    /// Domain 1 all 3; in domain 7: 7a 4, 7b 2, 7c not assessed, 7d 0, 7e absent.
    static let current = assessment(
        Dictionary(uniqueKeysWithValues: MaturityCatalogue.items(inDomain: 1).map { ($0.id, Optional(3)) }).merging(
            ["7a": 4, "7b": 2, "7c": nil, "7d": 0], uniquingKeysWith: { $1 }))

    @Test func scoresAreMeansOfTheAssessedItems() throws {
        let scores = MaturityScores(Self.current)
        #expect(scores.domain(1) == MaturityFigure(score: 75, assessed: 9, items: 9))
        // (4 + 2 + 0) / 3 = 2 → 50; 7c and 7e are left out.
        #expect(scores.domain(7) == MaturityFigure(score: 50, assessed: 3, items: 5))
        // A domain with nothing assessed has no score.
        #expect(scores.domain(3) == MaturityFigure(score: nil, assessed: 0, items: 10))
        #expect(scores.pillar(.culture) == MaturityFigure(score: 75, assessed: 9, items: 16))
        #expect(scores.pillar(.insight) == MaturityFigure(score: nil, assessed: 0, items: 17))
        #expect(scores.pillar(.experienceDesign) == MaturityFigure(score: 50, assessed: 3, items: 22))
        // Overall: (9 × 3 + 4 + 2 + 0) / 12 = 2.75 → 68.75, every item weighing the same.
        #expect(scores.overall == MaturityFigure(score: 68.75, assessed: 12, items: 55))
        #expect(scores.stage == .sharedVision)
    }

    @Test func stageBoundariesBelongToTheHigherStage() {
        #expect(MaturityStage.of(score: 0) == .minimalExpectations)
        #expect(MaturityStage.of(score: 39.99) == .minimalExpectations)
        #expect(MaturityStage.of(score: 40) == .sharedVision)
        #expect(MaturityStage.of(score: 69.99) == .sharedVision)
        #expect(MaturityStage.of(score: 70) == .easyToDealWith)
        #expect(MaturityStage.of(score: 100) == .easyToDealWith)
        // One item scored 3 of 4 → 75 → easy to deal with; an assessment with nothing scored has no stage.
        #expect(MaturityScores(Self.assessment(["4d": 3])).stage == .easyToDealWith)
        #expect(MaturityScores(Self.assessment(["4d": nil])).stage == nil)
    }

    @Test func changeAgainstThePreviousAssessment() {
        // Previous: domain 1 all 2 (50), 7a 4 (domain 7: 100); overall (9 × 2 + 4) / 10 = 2.2 → 55.
        let previous = Self.assessment(
            Dictionary(uniqueKeysWithValues: MaturityCatalogue.items(inDomain: 1).map { ($0.id, Optional(2)) }).merging(["7a": 4], uniquingKeysWith: { $1 }))
        let change = MaturityChange(current: MaturityScores(Self.current), previous: MaturityScores(previous))
        #expect(change.domain(1) == 25)
        #expect(change.domain(7) == -50)
        #expect(change.domain(3) == nil)
        #expect(change.pillar(.culture) == 25)
        #expect(change.pillar(.insight) == nil)
        // Experience design: 50 now, 100 before.
        #expect(change.pillar(.experienceDesign) == -50)
        #expect(abs((change.overall ?? 0) - 13.75) < 1e-9)
    }

    @Test func evidenceIsAShareWithItsWilsonInterval() throws {
        let evidence = MaturityEvidence(kind: .complaintsFollowedUp, successes: 3, n: 4)
        #expect(evidence.itemId == "3h" && evidence.share == 0.75)
        // Wilson 95 % for 3 of 4: centre (0.75 + 1.9208/4) / (1 + 3.8415/4) = 0.6287, half-width 0.3700.
        let interval = try #require(evidence.interval)
        #expect(abs(interval.low - 0.3006) < 0.001 && abs(interval.high - 0.9544) < 0.001)
        let empty = MaturityEvidence(kind: .journeysWithOwner, successes: 0, n: 0)
        #expect(empty.share == nil && empty.interval == nil && empty.itemId == "6f")
        #expect(MaturityEvidence.Kind.dashboardUsage.itemId == "3f" && MaturityEvidence.Kind.feedbackLinkedToCustomer.itemId == "4d")
    }
}
