import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikMetrics
@testable import OtklikServer
@testable import OtklikStore
import Testing

/// `GET /r/{id}`: a promoter's review-link offer redirects to the review address and counts every follow; the report's
/// uptake then shows it; an unknown id is a 404 that counts nothing.
@Suite struct ReviewLinkRedirectTests {
    @Test func followingTheOfferRedirectsAndCounts() async throws {
        try await TestApp.withRouter { test, client in
            let database = test.app.database
            let programme = Programme(
                code: "reviews", name: "Reviews", trigger: .promoterAnswer, action: ProgrammeAction(kind: .message, template: ProgrammeMessageTemplate(
                    ru: .init(subject: "Спасибо", body: "Отзыв: {review_link}"), en: .init(subject: "Thanks", body: "Review: {review_link}")),
                    reviewLinks: ["*": "https://reviews.example.ru/bank"]),
                holdoutShare: 0.01, outcome: .nps)
            try await database.programmes.create(programme)
            let at = Date(timeIntervalSince1970: 1_795_000_000)
            _ = try await database.feedback.insert(
                [Feedback(id: "rv1", ts: at, channel: .qrWeb, kind: .informative, location: "L01", nps: 10, contact: "rv@example.ru")],
                createMissingReferences: false)
            let customer = try #require(try await database.sql.query("SELECT customer_id FROM feedback WHERE id = 'rv1'").first?.text("customer_id"))
            let offer = try await database.sql.transaction { tx in
                try await ProgrammeReviewOffers.create(
                    programme: "reviews", action: "pga_test", customer: customer, location: "L01", url: "https://reviews.example.ru/bank", now: at, tx)
            }
            for _ in 0..<2 {
                try await client.execute(uri: "/r/\(offer)", method: .get) { response in
                    #expect(response.status == .found && response.headers[.location] == "https://reviews.example.ru/bank")
                    #expect(response.headers[.cacheControl] == "no-store")
                }
            }
            try await client.execute(uri: "/r/unknown", method: .get) { #expect($0.status == .notFound) }
            #expect(try await database.sql.query("SELECT clicks FROM review_offers").map { $0.int("clicks") } == [2])
            // No message was sent for this offer: it is made, but not yet offered.
            #expect(try await database.programmes.uptake(code: "reviews") == ProgrammeUptake(offered: 0, clicked: 0))
        }
    }
}
