import Foundation
import OtklikCore
@testable import OtklikStore
import Testing

/// Monthly report subscriptions on every engine: a subscription to an unknown location is refused naming `location`;
/// each subscription's month is queued once however often and by however many servers it is asked (the mailing's key);
/// a claimed mailing is not claimed by a second server until its claim expires; an attempt's record moves it to sent,
/// to a later retry or to failed; unsubscribing removes its mailings.
@Suite struct ReportSubscriptionContractTests {
    static let t0 = Date(timeIntervalSince1970: 1_793_512_800)  // 2026-11-01T06:00:00Z

    static func subscription(_ id: String, location: String? = nil) -> ReportSubscription {
        ReportSubscription(
            id: id, email: "\(id)@bank.example", location: location, language: "ru", formats: [.pdf, .xlsx], day: 1, createdAt: t0.addingTimeInterval(-86_400 * 20))
    }

    @Test(arguments: TestEngine.available)
    func aMonthIsQueuedOnceAndClaimedByOneServer(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await FeedbackRepositoryContractTests.seedReference(database)
            let repository = database.reportSubscriptions
            try await repository.add(Self.subscription("rs-a", location: "L01"))
            try await repository.add(Self.subscription("rs-b"))
            let refused = await #expect(throws: OtklikError.self) { try await repository.add(Self.subscription("rs-c", location: "NOPE")) }
            #expect(refused?.field == "location")
            #expect(try await repository.subscriptions().map(\.id) == ["rs-a", "rs-b"])
            #expect(try await repository.subscriptions().first?.formats == [.pdf, .xlsx])

            let due: [(subscription: String, month: String)] = [("rs-a", "2026-10"), ("rs-b", "2026-10")]
            #expect(try await repository.queue(due, now: Self.t0) == 2)
            #expect(try await repository.queue(due, now: Self.t0.addingTimeInterval(60)) == 0, "a second round, a restart or a second server")
            async let first = repository.queue(due, now: Self.t0.addingTimeInterval(61))
            async let second = repository.queue(due, now: Self.t0.addingTimeInterval(61))
            #expect(try await first + second == 0)

            let claimedByA = try await repository.claimDue(now: Self.t0, limit: 1, holder: "srv-a", seconds: 300)
            let claimedByB = try await repository.claimDue(now: Self.t0, limit: 5, holder: "srv-b", seconds: 300)
            #expect(claimedByA.count == 1 && claimedByB.count == 1 && claimedByA[0].subscription.id != claimedByB[0].subscription.id)
            #expect(try await repository.claimDue(now: Self.t0, limit: 5, holder: "srv-c", seconds: 300).isEmpty, "both are held")

            let a = claimedByA[0], b = claimedByB[0]
            try await repository.record(subscription: a.subscription.id, month: a.month, sent: true, error: nil, at: Self.t0, retryAt: nil)
            try await repository.record(
                subscription: b.subscription.id, month: b.month, sent: false, error: "cannot connect", at: Self.t0, retryAt: Self.t0.addingTimeInterval(60))
            #expect(try await repository.mailings(subscription: a.subscription.id).first?.status == "sent")
            let retrying = try #require(try await repository.mailings(subscription: b.subscription.id).first)
            #expect(retrying.status == "pending" && retrying.attempts == 1 && retrying.lastError == "cannot connect")
            #expect(try await repository.claimDue(now: Self.t0.addingTimeInterval(30), limit: 5, holder: "srv-c", seconds: 300).isEmpty)
            let again = try await repository.claimDue(now: Self.t0.addingTimeInterval(60), limit: 5, holder: "srv-c", seconds: 300)
            #expect(again.map(\.subscription.id) == [b.subscription.id] && again.first?.attempts == 1)
            try await repository.record(subscription: b.subscription.id, month: b.month, sent: false, error: "550", at: Self.t0, retryAt: nil)
            #expect(try await repository.mailings(subscription: b.subscription.id).first?.status == "failed")

            #expect(try await repository.remove(id: "rs-a"))
            #expect(try await repository.remove(id: "rs-a") == false)
            #expect(try await repository.mailings(subscription: "rs-a").isEmpty)
            #expect(try await repository.subscriptions().map(\.id) == ["rs-b"])
        }
    }
}
