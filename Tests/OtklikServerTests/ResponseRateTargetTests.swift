import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
@testable import OtklikMetrics
import Testing
@testable import OtklikServer

/// Issue 20 item 2: a measurement survey's response rate (AAPOR RR1 = completed / all invitations) against the
/// `response_rate` KPI target on `/surveys`, the survey's results and the dashboard's alert, which fires only when the
/// Wilson 95 % upper bound is below the target — so chance alone is not flagged.
///
/// Wilson's bounds by hand (z = 1.96): 50 of 100 → centre 0.5, half-width 1.96·√(0.0025 + 1.96²/40000) / (1 + 1.96²/100)
/// = 1.96·0.050951 / 1.038415 = 0.09617, so [40.4; 59.6]: the upper bound is below 60, flagged. 51 of 100 → centre
/// (0.51 + 0.019208) / 1.038415 = 0.50963, half-width 1.96·√(0.002499 + 0.000096) / 1.038415 = 0.09615, so [41.3; 60.6]:
/// 60 is inside, not flagged. 16 of 40 → centre (0.4 + 0.04802) / 1.09604 = 0.40876, half-width
/// 1.96·√(0.006 + 0.0006002) / 1.09604 = 0.14528, so [26.3; 55.4]. 5 of 10 → [23.7; 76.3]: RR1 50 % is below 60 but the
/// interval contains it, not flagged. 0 of 5 → [0.0; 43.4]. 70 of 100 → [60.4; 78.1]: wholly above 60, met.
@Suite struct ResponseRateTargetTests {
    static func outcomes(completed: Int, of total: Int) -> SurveyResults.Outcomes {
        var outcomes = SurveyResults.Outcomes()
        outcomes.completed = completed
        outcomes.invited = total - completed
        outcomes.total = total
        return outcomes
    }

    static func target(_ value: Double, scope: KPITarget.Scope = .organisation, code: String? = nil) -> KPITarget {
        KPITarget(metric: .responseRate, scope: scope, code: code, from: "2020-01-01", to: "2099-12-31", target: value, kind: .absolute)
    }

    static func survey(_ code: String, _ purpose: SurveyPurpose) -> Survey {
        Survey(
            code: code, titleRu: "Опрос \(code)", titleEn: "Survey \(code)", purpose: purpose, maxQuestions: 1, sampling: .everyone,
            questions: [SurveyQuestion(code: "csat", type: .csat, textRu: "Довольны?", textEn: "Satisfied?", integral: true)])
    }

    @Test func theWilsonUpperBoundDecides() async throws {
        let cases: [(Int, Int, Double, Double, TargetAttainment.Status)] = [
            (50, 100, 40.38, 59.62, .missed), (51, 100, 41.35, 60.58, .undecided), (16, 40, 26.35, 55.40, .missed),
            (5, 10, 23.66, 76.34, .undecided), (0, 5, 0, 43.45, .missed), (70, 100, 60.42, 78.11, .met),
        ]
        let rate = ResponseRateTarget(targets: [Self.target(60)], names: ReferenceNames(), text: [:])
        let view = KPITarget.View(lastDay: LocalCalendar.day(parsing: "2026-12-04") ?? 0)
        for (completed, total, low, high, status) in cases {
            let figure = ResponseRateTarget.figure(Self.outcomes(completed: completed, of: total))
            #expect(figure.n == total && abs((figure.value ?? -1) - 100 * Double(completed) / Double(total)) < 1e-9)
            #expect(abs((figure.ciLow ?? -1) - low) < 0.01 && abs((figure.ciHigh ?? -1) - high) < 0.01, "\(completed)/\(total): \(figure)")
            let outcome = try #require(try await rate.judge(Self.survey("m", .measurement), Self.outcomes(completed: completed, of: total), view: view))
            #expect(outcome.attainment.status == status, "\(completed)/\(total)")
            let alert = rate.alert(Self.survey("m", .measurement), Self.outcomes(completed: completed, of: total), outcome, language: "en")
            #expect((alert != nil) == (status == .missed), "an alert only when the whole interval is below the target")
        }
        #expect(try await rate.judge(Self.survey("f", .feedback), Self.outcomes(completed: 0, of: 100), view: view) == nil, "a feedback survey has no response-rate target")
        #expect(ResponseRateTarget.figure(Self.outcomes(completed: 0, of: 0)).value == nil, "no invitation, no figure")
    }

    @Test func aResponseRateTargetIsAbsolute() {
        var relative = Self.target(10)
        relative.kind = .relativeChange
        #expect(throws: OtklikError.self) { try relative.validate() }
        #expect((try? Self.target(60).validate()) != nil)
    }

    /// "low": 16 of 40 invitations at L01 completed (RR1 40.0 % [26.3; 55.4]); "chance": 5 of 10 (50.0 % [23.7; 76.3]);
    /// "pulse", a feedback survey, none of 5. Against the organisation's 60 %: only "low" is an alert.
    @Test func surveysPagesAndTheDashboardAlert() async throws {
        try await TestApp.withRouter { test, client in
            let surveys = test.app.database.surveys
            let now = Date()
            for (code, purpose, completed, total) in [("low", SurveyPurpose.measurement, 16, 40), ("chance", .measurement, 5, 10), ("pulse", .feedback, 0, 5)] {
                try await surveys.create(Self.survey(code, purpose), now: now)
                for index in 0..<total {
                    let (invitation, _) = try await surveys.invite(
                        survey: code, SurveyInteraction(id: "\(code)-\(index)", at: now.addingTimeInterval(-3_600), location: "L01"), now: now, deliver: false)
                    if index < completed {
                        try await surveys.respond(invitation: invitation.id, answers: [SurveyAnswer(question: "csat", score: 5)], status: .completed, now: now)
                    }
                }
            }
            let cookie = try #require(try await DashboardTests.login(client))
            func get(_ uri: String) async throws -> String {
                try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .ok, "\(uri)")
                    return response.text
                }
            }
            #expect(!(try await get("/?lang=en")).contains("action-response-rate-below-target"), "no target, no alert")
            #expect(!(try await get("/surveys/low?lang=en")).contains("id=\"response-rate-target\""))

            let targets: [String: Any] = ["items": [
                ["metric": "response_rate", "scope": "organisation", "from": "2020-01-01", "to": "2099-12-31", "target": 60, "kind": "absolute"],
            ]]
            try await client.execute(uri: "/api/v1/targets", method: .put, headers: test.auth, body: jsonBody(targets)) {
                #expect($0.status == .ok, "\($0.text)")
            }
            let dashboard = try await get("/?lang=en")
            #expect(dashboard.contains("<li class=\"action-response-rate-below-target\">Survey “Survey low”: response rate (RR1) 40.0 % [26.3; 55.4], n = 40, is below its target 60.0 % (organisation, 1 Jan 2020 – 31 Dec 2099)"), "\(dashboard)")
            // The link opens the survey's page over the dashboard's period (its days, `to` the last included).
            #expect(dashboard.contains("<a href=\"/surveys/low?from=") && dashboard.contains("\">Open the survey&#39;s results</a>"))
            #expect(!dashboard.contains("Survey chance") && !dashboard.contains("Survey pulse"), "chance alone, and a feedback survey, are not flagged")
            #expect(try await get("/?lang=ru").contains("Опрос «Опрос low»: доля ответивших (RR1) 40,0 % [26,3; 55,4], n = 40, ниже цели 60,0 %"))

            let low = try await get("/surveys/low?lang=en")
            #expect(low.contains("id=\"response-rate-target\"") && low.contains("target-missed") && low.contains("KPI target: <span class=\"target-goal\">60.0 %</span>"), "\(low)")
            #expect(low.contains("id=\"rr1-ci\">95% CI [26.3; 55.4]") && low.contains("Target missed: the whole 95% CI is below it") && low.contains("−20.0 pp"))
            let chance = try await get("/surveys/chance?lang=en")
            #expect(chance.contains("target-undecided") && chance.contains("id=\"rr1-ci\">95% CI [23.7; 76.3]"), "\(chance)")
            #expect(!(try await get("/surveys/pulse?lang=en")).contains("id=\"response-rate-target\""), "a feedback survey has none")
            let list = try await get("/surveys?lang=en")
            #expect(list.contains("KPI target") && list.contains("class=\"target target-missed\" data-target>60.0 %"), "\(list)")
            #expect(list.contains("class=\"target target-undecided\" data-target>60.0 %"))
            #expect(try await get("/surveys?lang=ru").contains("Цель KPI"))

            // A location manager of L01 sees their location's target, never the organisation's.
            let hash = try await test.app.hasher.hash(TestApp.password)
            try await test.app.database.access.createUser(username: "lena", passwordHash: hash, role: .locationManager, scope: .locations(["L01"]))
            let lena = try #require(try await NotificationPageTests.login(client, user: "lena"))
            func scoped(_ uri: String) async throws -> String {
                try await client.execute(uri: uri, method: .get, headers: [.cookie: lena]) { response in
                    #expect(response.status == .ok, "\(uri)")
                    return response.text
                }
            }
            #expect(!(try await scoped("/?lang=en")).contains("action-response-rate-below-target"), "the organisation's target is not hers")
            #expect(!(try await scoped("/surveys/low?lang=en")).contains("id=\"response-rate-target\""))
            let own: [String: Any] = ["items": [
                ["metric": "response_rate", "scope": "organisation", "from": "2020-01-01", "to": "2099-12-31", "target": 60, "kind": "absolute"],
                ["metric": "response_rate", "scope": "location", "code": "L01", "from": "2020-01-01", "to": "2099-12-31", "target": 45, "kind": "absolute"],
            ]]
            try await client.execute(uri: "/api/v1/targets", method: .put, headers: test.auth, body: jsonBody(own)) { #expect($0.status == .ok) }
            // Against 45 %: 16 of 40, [26.3; 55.4], is undecided — no alert; the page names L01's target.
            let hers = try await scoped("/surveys/low?lang=en")
            #expect(hers.contains("id=\"response-rate-target\" data-target") && hers.contains("class=\"target target-undecided\""), "\(hers)")
            #expect(hers.contains("KPI target: <span class=\"target-goal\">45.0 %</span> <span class=\"muted\">(location Офис на Тверской"))
            #expect(!(try await scoped("/?lang=en")).contains("action-response-rate-below-target"))
        }
    }

    /// The monthly report's "Survey response rates": each measurement survey's RR1 over the invitations made in the month
    /// in the organisation's zone (here UTC, the test server's), judged against the target in force on the month's last day. October 2026 at
    /// L01: 40 invitations on the 15th, 16 completed, and one at 23:30 on 31 October, open — 16 of 41 = 39.0 %, Wilson
    /// [25.7; 54.3] (by hand: centre (0.39024 + 0.04685) / 1.09370 = 0.39964, half-width 1.96·√(0.005790 + 0.000571) /
    /// 1.09370 = 0.14309), missed against 60 %. Not counted: 30 of 30 completed in September, one made at 00:30 on
    /// 1 November, and the feedback survey's invitations.
    @Test func theMonthlyReportJudgesTheMonthsResponseRate() async throws {
        try await TestApp.withRouter { test, client in
            let surveys = test.app.database.surveys
            func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
            let now = at("2026-11-20T12:00:00+03:00")
            try await surveys.create(Self.survey("wave", .measurement), now: at("2026-09-01T00:00:00Z"))
            try await surveys.create(Self.survey("pulse", .feedback), now: at("2026-09-01T00:00:00Z"))
            func invite(_ survey: String, _ id: String, _ time: String, completed: Bool) async throws {
                let (invitation, _) = try await surveys.invite(
                    survey: survey, SurveyInteraction(id: id, at: at(time), location: "L01"), now: at(time), deliver: false)
                if completed {
                    try await surveys.respond(invitation: invitation.id, answers: [SurveyAnswer(question: "csat", score: 5)], status: .completed, now: at(time))
                }
            }
            for index in 0..<40 { try await invite("wave", "oct-\(index)", "2026-10-15T12:00:00+03:00", completed: index < 16) }
            try await invite("wave", "oct-last", "2026-10-31T23:30:00Z", completed: false)
            try await invite("wave", "nov-first", "2026-11-01T00:30:00Z", completed: true)
            for index in 0..<30 { try await invite("wave", "sep-\(index)", "2026-09-15T12:00:00+03:00", completed: true) }
            for index in 0..<10 { try await invite("pulse", "pulse-\(index)", "2026-10-15T12:00:00+03:00", completed: false) }
            let targets: [String: Any] = ["items": [
                ["metric": "response_rate", "scope": "organisation", "from": "2026-01-01", "to": "2026-12-31", "target": 60, "kind": "absolute"],
            ]]
            try await client.execute(uri: "/api/v1/targets", method: .put, headers: test.auth, body: jsonBody(targets)) {
                #expect($0.status == .ok, "\($0.text)")
            }
            let cookie = try #require(try await DashboardTests.login(client))
            let (status, html) = try await DashboardFigureTests.page(client, cookie, "/reports/monthly?month=2026-10&lang=en")
            #expect(status == .ok)
            let section = try #require(html.components(separatedBy: "id=\"report-surveys\"").dropFirst().first?.components(separatedBy: "</section>").first)
            #expect(section.contains("id=\"kpi-rr1-wave\"") && !section.contains("rr1-pulse"), "a feedback survey has no response rate")
            #expect(section.contains("Survey wave · response rate (RR1)") && section.contains("39.0 %") && section.contains("[25.7; 54.3]"), "\(section)")
            #expect(section.contains("data-n>41<") && section.contains("target-missed") && section.contains("Target: 60.0 %"), "\(section)")
            // The card's query gives the same invitations through the survey results API.
            let api = try #require(section.components(separatedBy: "data-api=\"").dropFirst().first?.components(separatedBy: "\"").first)
            #expect(api.hasPrefix("/api/v1/surveys/wave/results?") && api.contains("from=2026-10-01T00:00:00Z"), "\(api)")
            try await client.execute(uri: api.replacingOccurrences(of: "&amp;", with: "&"), method: .get, headers: test.auth) { response in
                #expect(response.status == .ok, "\(response.text)")
                let outcomes = response.json["outcomes"] as? [String: Any]
                #expect(outcomes?["total"] as? Int == 41 && outcomes?["completed"] as? Int == 16, "\(response.text.prefix(400))")
            }
            let (_, ru) = try await DashboardFigureTests.page(client, cookie, "/reports/monthly?month=2026-10&lang=ru")
            #expect(ru.contains("Отклик на опросы") && ru.contains("Опрос wave · доля ответивших (RR1)") && ru.contains("39,0 %"))
            let (_, office) = try await DashboardFigureTests.page(client, cookie, "/reports/monthly?month=2026-10&location=L02&lang=en")
            #expect(!office.contains("id=\"report-surveys\""), "no invitation at L02 in October: no section")
            let (_, data) = try await MonthlyReportTests.download(client, cookie, "/reports/monthly.xlsx?month=2026-10&lang=en")
            let sheet = try #require(try MonthlyReportTests.readWorkbook(data).first { $0.name == "Response rates" })
            let row = try #require(sheet.rows.first { ($0.first as? String)?.hasPrefix("Survey wave") == true })
            #expect(abs((row[1] as? Double ?? 0) - 100.0 * 16 / 41) < 1e-9 && row[4] as? Int == 41, "\(row)")
            #expect(row.suffix(3).compactMap { $0 as? String } == ["absolute", "missed"], "\(row)")
        }
    }
}
