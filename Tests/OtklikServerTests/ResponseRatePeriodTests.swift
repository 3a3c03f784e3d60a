import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikMetrics
import Testing
@testable import OtklikServer

/// Issue 20 item 2: a survey's response rate judged on the period the reader looks at — `/surveys` and a survey's page
/// (their period form, by default the 90 days to the last invitation) and the dashboard's alert (the dashboard's
/// period) count AAPOR RR1 over the invitations made in the period, against the `response_rate` target in force on its
/// last day; the survey page's figure is the results API's for the same `from` and `to`.
///
/// The case (the test server's zone is UTC): survey "wave", 50 invitations on 15 June 2026, all completed, and 40 on
/// 15 October, 16 completed. Targets: 60 % from 1 January to 31 October 2026, 35 % from 1 November. By hand (Wilson,
/// z = 1.96; checked in Python): 16 of 40 = 40.0 % [26.3; 55.4]; 66 of 90 = 73.3 % [63.4; 81.4]. The whole life (the old
/// rule) would read 73.3 %, met. The default period ends on 15 October (the last invitation) and starts 89 days before,
/// on 18 July: 40.0 % n = 40, missed against 60 (55.4 < 60). 1 October – 1 November: the same 40 invitations, judged
/// against the 35 % in force on 1 November: undecided (26.3 < 35 < 55.4). June – October: 90 invitations, 73.3 %, met
/// (63.4 ≥ 60).
@Suite struct ResponseRatePeriodTests {
    static func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    static func seed(_ test: TestApp, _ client: any TestClientProtocol) async throws {
        let surveys = test.app.database.surveys
        try await surveys.create(ResponseRateTargetTests.survey("wave", .measurement), now: at("2026-06-01T00:00:00Z"))
        func invite(_ id: String, _ time: String, completed: Bool) async throws {
            let (invitation, _) = try await surveys.invite(
                survey: "wave", SurveyInteraction(id: id, at: at(time), location: "L01"), now: at(time), deliver: false)
            if completed {
                try await surveys.respond(invitation: invitation.id, answers: [SurveyAnswer(question: "csat", score: 5)], status: .completed, now: at(time))
            }
        }
        for index in 0..<50 { try await invite("jun-\(index)", "2026-06-15T10:00:00Z", completed: true) }
        for index in 0..<40 { try await invite("oct-\(index)", "2026-10-15T10:00:00Z", completed: index < 16) }
        let targets: [String: Any] = ["items": [
            ["metric": "response_rate", "scope": "organisation", "from": "2026-01-01", "to": "2026-10-31", "target": 60, "kind": "absolute"],
            ["metric": "response_rate", "scope": "organisation", "from": "2026-11-01", "to": "2099-12-31", "target": 35, "kind": "absolute"],
        ]]
        try await client.execute(uri: "/api/v1/targets", method: .put, headers: test.auth, body: jsonBody(targets)) {
            #expect($0.status == .ok, "\($0.text)")
        }
    }

    /// The text between `marker` and the next `end`.
    static func part(_ html: String, after marker: String, until end: String) -> String {
        html.components(separatedBy: marker).dropFirst().first?.components(separatedBy: end).first ?? ""
    }

    @Test func theSurveyPageJudgesItsPeriodAsTheAPICountsIt() async throws {
        try await TestApp.withRouter { test, client in
            try await Self.seed(test, client)
            let cookie = try #require(try await DashboardTests.login(client))
            let (status, page) = try await DashboardFigureTests.page(client, cookie, "/surveys/wave?lang=en")
            #expect(status == .ok)
            // The default period: 18 July – 15 October, the last day included as on every page, said on the page.
            #expect(page.contains("id=\"f-from\" name=\"from\" type=\"date\" value=\"2026-07-18\"") && page.contains("id=\"f-to\" name=\"to\" type=\"date\" value=\"2026-10-15\""), "\(page)")
            #expect(page.contains("The period ends at the last data, 15 Oct 2026.") && page.contains("18 Jul 2026 – 15 Oct 2026"))
            #expect(!page.contains("class=\"notice\">A slice of the survey"), "the default period is not a filter the reader chose")
            #expect(Self.part(page, after: "id=\"rr1-value\">", until: "<") == "40.0 %")
            #expect(Self.part(page, after: "id=\"rr1-ci\">", until: "<") == "95% CI [26.3; 55.4]")
            #expect(page.contains("(n = 40;"))
            let target = Self.part(page, after: "id=\"response-rate-target\"", until: "</p>")
            #expect(target.contains("target-missed") || page.contains("class=\"target target-missed\" id=\"response-rate-target\""), "\(target)")
            #expect(target.contains("60.0 %") && target.contains("1 Jan 2026 – 31 Oct 2026"), "\(target)")
            // The API over the same days (its `to` exclusive): the same invitations.
            try await client.execute(uri: "/api/v1/surveys/wave/results?from=2026-07-18&to=2026-10-16", method: .get, headers: test.auth) { response in
                let outcomes = response.json["outcomes"] as? [String: Any]
                #expect(outcomes?["total"] as? Int == 40 && outcomes?["completed"] as? Int == 16, "\(response.text.prefix(300))")
                let rr1 = (response.json["response_rates"] as? [String: Any])?["rr1"] as? Double
                #expect(abs((rr1 ?? 0) - 0.4) < 1e-12)
            }
            // 1 October – 1 November: the target in force on 1 November, 35 %: undecided.
            let (_, november) = try await DashboardFigureTests.page(client, cookie, "/surveys/wave?from=2026-10-01&to=2026-11-01&lang=en")
            let later = Self.part(november, after: "id=\"response-rate-target\"", until: "</p>")
            #expect(later.contains("35.0 %") && november.contains("target-undecided") && november.contains("(n = 40;"), "\(later)")
            #expect(!november.contains("The period ends at the last data"), "a period asked for is kept")
            let (_, russian) = try await DashboardFigureTests.page(client, cookie, "/surveys/wave?lang=ru")
            #expect(russian.contains("Период заканчивается последними данными, 15 окт. 2026") && russian.contains("40,0 %"), "\(russian.prefix(0))")
        }
    }

    @Test func theSurveysListJudgesThePeriod() async throws {
        try await TestApp.withRouter { test, client in
            try await Self.seed(test, client)
            let cookie = try #require(try await DashboardTests.login(client))
            let (status, list) = try await DashboardFigureTests.page(client, cookie, "/surveys?lang=en")
            #expect(status == .ok)
            let row = Self.part(list, after: "<span class=\"code\">wave</span>", until: "</tr>")
            #expect(row.contains("<td>40</td>") && row.contains("40.0 %") && row.contains("[26.3; 55.4]") && row.contains("target-missed"), "\(row)")
            #expect(list.contains("href=\"/surveys/wave?from=2026-07-18&amp;to=2026-10-15\""), "the row opens the survey over the same period")
            #expect(list.contains("The period ends at the last data, 15 Oct 2026."))
            let (_, whole) = try await DashboardFigureTests.page(client, cookie, "/surveys?from=2026-06-01&to=2026-10-31&lang=en")
            let both = Self.part(whole, after: "<span class=\"code\">wave</span>", until: "</tr>")
            #expect(both.contains("<td>90</td>") && both.contains("73.3 %") && both.contains("[63.4; 81.4]") && both.contains("target-met"), "\(both)")
            let (bad, refused) = try await DashboardFigureTests.page(client, cookie, "/surveys?from=tomorrow&lang=en")
            #expect(bad == .unprocessableContent || bad == .badRequest, "\(bad)")
            #expect(refused.contains("from"), "the error names the field")
        }
    }

    @Test func theDashboardAlertUsesTheDashboardsPeriod() async throws {
        try await TestApp.withRouter { test, client in
            try await Self.seed(test, client)
            let cookie = try #require(try await DashboardTests.login(client))
            let (_, october) = try await DashboardFigureTests.page(client, cookie, "/?from=2026-10-01&to=2026-10-31&lang=en")
            #expect(october.contains("response rate (RR1) 40.0 % [26.3; 55.4], n = 40, is below its target 60.0 %"), "\(october)")
            #expect(october.contains("href=\"/surveys/wave?from=2026-10-01&amp;to=2026-10-31\""), "the dashboard's days, the last included")
            let (_, june) = try await DashboardFigureTests.page(client, cookie, "/?from=2026-06-01&to=2026-06-30&lang=en")
            #expect(!june.contains("action-response-rate-below-target"), "50 of 50 in June")
            let (_, both) = try await DashboardFigureTests.page(client, cookie, "/?from=2026-06-01&to=2026-10-31&lang=en")
            #expect(!both.contains("action-response-rate-below-target"), "66 of 90, [63.4; 81.4], meets 60")
            let (_, office) = try await DashboardFigureTests.page(client, cookie, "/?from=2026-10-01&to=2026-10-31&location=L02&lang=en")
            #expect(!office.contains("action-response-rate-below-target"), "no invitation at L02")
        }
    }
}
