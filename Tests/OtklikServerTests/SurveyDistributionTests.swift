import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import Testing

/// Issue 20 item 8: a feedback survey is distributed from its page — a public link whose start page creates nothing
/// until "Start" (then a fresh invitation), its QR code, and an embed snippet whose pages may be framed (every other page
/// still refuses). A measurement survey has no public link (its sample is drawn by its plan); a closed one neither.
@Suite struct SurveyDistributionTests {
    static func survey(_ code: String, purpose: SurveyPurpose) -> Survey {
        Survey(
            code: code, titleRu: "Отзыв о визите", titleEn: "Your visit", purpose: purpose, maxQuestions: 1, sampling: .everyone,
            questions: [SurveyQuestion(code: "csat", type: .csat, textRu: "Довольны?", textEn: "Satisfied?", integral: true)])
    }

    @Test func aFeedbackSurveyHasAPublicLinkAQRCodeAndAnEmbedSnippet() async throws {
        try await TestApp.withRouter { test, client in
            try await test.app.database.surveys.create(Self.survey("pulse", purpose: .feedback), now: Date())
            try await test.app.database.surveys.create(Self.survey("measure", purpose: .measurement), now: Date())
            let cookie = try #require(try await DashboardTests.login(client))
            try await client.execute(uri: "/surveys/pulse?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                let page = response.text
                #expect(page.contains("id=\"survey-public-link\"") && page.contains("/s/open/pulse</a>"))
                #expect(page.contains("<img src=\"/surveys/pulse/qr.svg\""))
                #expect(page.contains("&lt;iframe src=&quot;http://") && page.contains("/s/open/pulse&quot;"), "the snippet is shown as text")
                #expect(response.headers[.init("X-Frame-Options")!] == "DENY", "the manager's page is never framed")
            }
            try await client.execute(uri: "/surveys/pulse/qr.svg", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok && response.headers[.contentType]?.hasPrefix("image/svg+xml") == true)
                #expect(response.text.contains("<svg") && response.text.contains("/s/open/pulse"))
            }
            try await client.execute(uri: "/surveys/measure?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(!response.text.contains("survey-public-link") && response.text.contains("id=\"survey-distribution-measurement\""))
            }
            try await client.execute(uri: "/surveys/measure/qr.svg", method: .get, headers: [.cookie: cookie]) { #expect($0.status == .notFound) }

            // The public start page: framable, and it stores nothing.
            try await client.execute(uri: "/s/open/pulse?lang=en", method: .get) { response in
                #expect(response.status == .ok && response.text.contains("Start the survey"))
                #expect(response.headers[.init("X-Frame-Options")!] == nil)
                #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors *") == true)
            }
            #expect(try await test.app.database.surveys.invitations(survey: "pulse").isEmpty, "a link preview creates no invitation")
            let location: String = try await client.execute(uri: "/s/open/pulse?lang=en", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer()) { response in
                #expect(response.status == .seeOther)
                return response.headers[.location] ?? ""
            }
            #expect(location.hasPrefix("/s/") && location.hasSuffix("?lang=en"))
            let invitations = try await test.app.database.surveys.invitations(survey: "pulse")
            #expect(invitations.count == 1 && invitations[0].channel == "web")
            try await client.execute(uri: location, method: .get) { response in
                #expect(response.status == .ok && response.text.contains("Satisfied?"))
            }
            try await client.execute(uri: location, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "q.csat=5&action=submit")) {
                #expect($0.status == .ok && $0.text.contains("Thank you"))
            }
            // A measurement survey has no public link; nor does a closed survey.
            try await client.execute(uri: "/s/open/measure?lang=en", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/s/open/measure", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer()) {
                #expect($0.status == .notFound)
            }
            try await test.app.database.surveys.close(survey: "pulse", now: Date())
            try await client.execute(uri: "/s/open/pulse?lang=en", method: .get) { #expect($0.status == .gone && $0.text.contains("This survey is closed")) }
            try await client.execute(uri: "/surveys/pulse?lang=en", method: .get, headers: [.cookie: cookie]) { #expect(!$0.text.contains("survey-public-link")) }
            #expect(try await test.app.database.surveys.invitations(survey: "pulse").count == 1)
        }
    }
}
