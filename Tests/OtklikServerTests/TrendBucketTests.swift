import Testing
@testable import OtklikServer

@Suite struct TrendBucketTests {
    @Test func bucketFollowsThePeriodAndTheAnswers() {
        #expect(DashboardBuilder.trendBucket(days: 30, answers: 10, minimumN: 30) == .day)
        #expect(DashboardBuilder.trendBucket(days: 365, answers: 52 * 30, minimumN: 30) == .week)
        #expect(DashboardBuilder.trendBucket(days: 365, answers: 52 * 30 - 60, minimumN: 30) == .month, "a week would average under 30 answers")
    }
}
