import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikStore
import Testing

/// Issue 21 item 3, the areas that still answered a scoped principal a bare 403: problems, mystery shopping, the
/// dissatisfaction model and service points are now filtered to the caller's locations (another location's record 404,
/// reading and acting alike); maturity, programmes, employee experience, life situations, survey editing and sending
/// and the configuration answer 422 naming why. Over a real socket, on the data of ``RolesAndScopesTests`` (olga and
/// the keys `l01` and `writeL01` are limited to L01; one complaint "Долго ждал" at each of L01, L02 and L03).
///
/// Added here: staff S02 at L02 (S01 is at L01), problems `p-l01` at L01 and `p-l02` at L02; the checklist `std` and the checks `v1` at L01 and `v2` at
/// L02, both reported (scores 100 and 0).
@Suite struct ScopedAreasTests {
    static func seedProblems(_ test: TestApp) async throws {
        try await test.app.database.reference.save(Staff(code: "S02", name: "Борис", location: "L02"))
        try await test.app.database.sql.execute(
            "INSERT INTO problems (id, location_code, theme, status, opened_at) VALUES ('p-l01', 'L01', 'waiting_time', 'open', ?), ('p-l02', 'L02', 'waiting_time', 'open', ?)",
            [.int(Int64(Date().timeIntervalSince1970 * 1000) - 60_000), .int(Int64(Date().timeIntervalSince1970 * 1000) - 120_000)])
    }

    static func seedMystery(_ test: TestApp, _ client: any TestClientProtocol) async throws {
        try await client.execute(uri: "/api/v1/mystery/checklists/std", method: .put, headers: test.auth, body: jsonBody(MysteryShoppingAPITests.checklist)) {
            #expect($0.status == .ok)
        }
        let now = Date()
        let from = Timestamp.format(now.addingTimeInterval(-86_400)), to = Timestamp.format(now.addingTimeInterval(6 * 86_400))
        let plan: [String: Any] = ["items": [
            ["id": "v1", "checklist": "std", "location": "L01", "channel": "visit", "from": from, "to": to],
            ["id": "v2", "checklist": "std", "location": "L02", "channel": "visit", "from": from, "to": to],
        ]]
        try await client.execute(uri: "/api/v1/mystery/visits", method: .post, headers: test.auth, body: jsonBody(plan)) { #expect($0.status == .created) }
        for (visit, value) in [("v1", 1), ("v2", 0)] {
            let result: [String: Any] = ["visit": visit, "shopper": "Ольга", "answers": ["greet": value, "listen": value, "tidy": 4 * value]]
            try await client.execute(uri: "/api/v1/mystery/results", method: .post, headers: test.auth, body: jsonBody(result)) { response in
                #expect(response.status == .created, "\(response.text)")
            }
        }
    }

    static func ids(_ json: [String: Any], _ key: String = "id") -> [String] {
        (json["items"] as? [[String: Any]] ?? []).compactMap { $0[key] as? String }
    }

    /// Problems: the L01 key lists p-l01 alone, p-l02 is 404 to read and to act on (and nothing changes); olga's page
    /// likewise; the organisation's key lists both.
    @Test func problemsAreTheirLocations() async throws {
        try await RolesAndScopesTests.live { test, client, keys in
            try await Self.seedProblems(test)
            try await client.execute(uri: "/api/v1/problems", method: .get, headers: RolesAndScopesTests.headers(keys.l01)) { response in
                #expect(response.status == .ok)
                #expect(Self.ids(response.json) == ["p-l01"], "\(response.text)")
            }
            try await client.execute(uri: "/api/v1/problems", method: .get, headers: test.auth) { #expect(Set(Self.ids($0.json)) == ["p-l01", "p-l02"]) }
            try await client.execute(uri: "/api/v1/problems", method: .get, headers: RolesAndScopesTests.headers(keys.r1)) {
                #expect(Set(Self.ids($0.json)) == ["p-l01", "p-l02"], "region R1 holds L01 and L02")
            }
            try await client.execute(uri: "/api/v1/problems/p-l01", method: .get, headers: RolesAndScopesTests.headers(keys.l01)) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/problems/p-l02", method: .get, headers: RolesAndScopesTests.headers(keys.l01)) { response in
                #expect(response.status == .notFound && response.errorField == "id")
            }
            let assign = jsonBody(["action": "root_cause", "text": "Одно окно"])
            try await client.execute(uri: "/api/v1/problems/p-l02/actions", method: .post, headers: RolesAndScopesTests.headers(keys.writeL01), body: assign) {
                #expect($0.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/problems/p-l02", method: .get, headers: test.auth) { #expect($0.json["root_cause"] == nil, "nothing changed") }
            try await client.execute(uri: "/api/v1/problems/p-l01/actions", method: .post, headers: RolesAndScopesTests.headers(keys.writeL01), body: assign) {
                #expect($0.status == .ok, "their own problem")
            }
            let page = try await ScopedKPIAndAlertsTests.page(client)
            try await client.execute(uri: "/problems?lang=en", method: .get, headers: page) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("href=\"/problems/p-l01\"") && !response.text.contains("href=\"/problems/p-l02\""))
            }
            try await client.execute(uri: "/problems/p-l01?lang=en", method: .get, headers: page) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("value=\"S01\"") && !response.text.contains("value=\"S02\""), "the owner choice is L01's staff")
            }
            try await client.execute(uri: "/problems/p-l02", method: .get, headers: page) { #expect($0.status == .notFound) }
            let cookie = try #require(page[.cookie])
            try await client.execute(
                uri: "/problems/p-l02", method: .post, headers: DashboardTests.form(cookie), body: ByteBuffer(string: "action=root_cause&text=x")
            ) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/problems/p-l02", method: .get, headers: test.auth) { #expect($0.json["root_cause"] == nil) }
        }
    }

    /// Mystery shopping: the L01 key sees v1 and L01's score only; v2's result is 404 to it and a check planned at L02
    /// is 403 naming the item (nothing written); olga's page lists v1, v2's form and photos are 404.
    @Test func mysteryShoppingIsTheirLocations() async throws {
        try await RolesAndScopesTests.live { test, client, keys in
            try await Self.seedMystery(test, client)
            let l01 = RolesAndScopesTests.headers(keys.l01), writeL01 = RolesAndScopesTests.headers(keys.writeL01)
            try await client.execute(uri: "/api/v1/mystery/visits", method: .get, headers: l01) { response in
                #expect(response.status == .ok)
                #expect(Self.ids(response.json) == ["v1"], "\(response.text)")
            }
            try await client.execute(uri: "/api/v1/mystery/visits", method: .get, headers: test.auth) { #expect(Set(Self.ids($0.json)) == ["v1", "v2"]) }
            try await client.execute(uri: "/api/v1/mystery/scores?by=location", method: .get, headers: l01) { response in
                #expect(Self.ids(response.json, "key") == ["L01"], "\(response.text)")
            }
            try await client.execute(uri: "/api/v1/mystery/scores?by=location", method: .get, headers: test.auth) {
                #expect(Self.ids($0.json, "key") == ["L01", "L02"])
            }
            let result: [String: Any] = ["visit": "v2", "shopper": "Ольга", "answers": ["greet": 1, "listen": 1, "tidy": 4]]
            try await client.execute(uri: "/api/v1/mystery/results", method: .post, headers: writeL01, body: jsonBody(result)) { response in
                #expect(response.status == .notFound && response.errorField == "visit", "\(response.text)")
            }
            let now = Date()
            let from = Timestamp.format(now), to = Timestamp.format(now.addingTimeInterval(86_400))
            let plan: [String: Any] = ["items": [
                ["id": "v3", "checklist": "std", "location": "L01", "from": from, "to": to],
                ["id": "v4", "checklist": "std", "location": "L02", "from": from, "to": to],
            ]]
            try await client.execute(uri: "/api/v1/mystery/visits", method: .post, headers: writeL01, body: jsonBody(plan)) { response in
                #expect(response.status == .forbidden && response.errorField == "items[1].location", "\(response.text)")
            }
            try await client.execute(uri: "/api/v1/mystery/visits", method: .get, headers: test.auth) {
                #expect(!Self.ids($0.json).contains("v3"), "nothing of the batch written")
            }
            let page = try await ScopedKPIAndAlertsTests.page(client)
            try await client.execute(uri: "/mystery?lang=en", method: .get, headers: page) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("href=\"/mystery/visits/v1\"") && !response.text.contains("href=\"/mystery/visits/v2\""))
            }
            try await client.execute(uri: "/mystery/visits/v1?lang=en", method: .get, headers: page) { #expect($0.status == .ok) }
            try await client.execute(uri: "/mystery/visits/v2", method: .get, headers: page) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/mystery/visits/v2/photos/tidy/1", method: .get, headers: page) { #expect($0.status == .notFound) }
        }
    }

    /// The dissatisfaction model and compliance: the L01 key's comments are L01's one complaint (the organisation's
    /// three); olga's page names L01 and no other location in its table; service points: hers only.
    @Test func dissatisfactionAndServicePointsAreTheirLocations() async throws {
        try await RolesAndScopesTests.live { test, client, keys in
            func groups(_ json: [String: Any]) -> [String] { (json["groups"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String } }
            func comments(_ json: [String: Any]) -> Int? { (json["overall"] as? [String: Any])?["comments"] as? Int }
            try await client.execute(uri: "/api/v1/dissatisfaction", method: .get, headers: RolesAndScopesTests.headers(keys.l01)) { response in
                #expect(response.status == .ok)
                #expect(groups(response.json) == ["L01"] && comments(response.json) == 1, "\(response.text)")
            }
            try await client.execute(uri: "/api/v1/dissatisfaction", method: .get, headers: test.auth) { response in
                #expect(groups(response.json).sorted() == ["L01", "L02", "L03"] && comments(response.json) == 3, "\(response.text)")
            }
            // Compliance: one checked transcript at L01 and one at L02 (the playbook as in TextAnalyticsWiringTests).
            let playbooks: [String: Any] = ["items": [[
                "event": "conversation", "title_ru": "Разговор", "title_en": "Conversation", "tasks": ["Поздороваться"],
                "phrases": ["Здравствуйте|Добрый день", "Чем могу помочь"],
            ]]]
            try await client.execute(uri: "/api/v1/playbooks", method: .put, headers: test.auth, body: jsonBody(playbooks)) { #expect($0.status == .ok) }
            let start = Date().addingTimeInterval(-3600)
            _ = try await test.app.database.transcripts.insert([
                Transcript(id: "t1", location: "L01", staff: "S01", startedAt: start, lang: "ru",
                           turns: [.init(speaker: .staff, text: "Здравствуйте! Чем могу помочь?"), .init(speaker: .customer, text: "Вклад.")]),
                Transcript(id: "t2", location: "L02", staff: "S01", startedAt: start.addingTimeInterval(60), lang: "ru",
                           turns: [.init(speaker: .staff, text: "Добрый день."), .init(speaker: .customer, text: "Карта.")]),
            ], createMissingReferences: false)
            try await test.app.textAnalysis.catchUp()
            func compliance(_ json: [String: Any]) -> [String: Int] {
                Dictionary(uniqueKeysWithValues: (json["groups"] as? [[String: Any]] ?? []).compactMap { group in
                    (group["key"] as? String).map { ($0, (group["compliance"] as? [String: Any])?["n"] as? Int ?? -1) }
                })
            }
            try await client.execute(uri: "/api/v1/compliance?by=location", method: .get, headers: RolesAndScopesTests.headers(keys.l01)) { response in
                #expect(response.status == .ok)
                #expect(compliance(response.json) == ["L01": 1], "\(response.text)")
            }
            try await client.execute(uri: "/api/v1/compliance?by=location", method: .get, headers: test.auth) { response in
                #expect(compliance(response.json) == ["L01": 1, "L02": 1], "\(response.text)")
            }
            let page = try await ScopedKPIAndAlertsTests.page(client)
            try await client.execute(uri: "/dissatisfaction?lang=en", method: .get, headers: page) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Офис на Тверской"), "L01 named")
                #expect(!response.text.contains("Office &lt;b&gt;Two") && !response.text.contains("Баумана"), "no other location")
            }
            try await client.execute(uri: "/themes/discovered?lang=en", method: .get, headers: page) { #expect($0.status == .ok) }
            try await client.execute(uri: "/service-points?lang=en", method: .get, headers: page) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("/kiosk/L01") && !response.text.contains("/kiosk/L02") && !response.text.contains("/kiosk/L03"))
            }
            let director = try #require(try await NotificationPageTests.login(client, user: "manager"))
            try await client.execute(uri: "/service-points?lang=en", method: .get, headers: [.cookie: director, .accept: "text/html"]) { response in
                #expect(response.text.contains("/kiosk/L01") && response.text.contains("/kiosk/L02") && response.text.contains("/kiosk/L03"))
            }
        }
    }

    /// The organisation's things: 422 naming why to the scoped keys (reads and writes), and on the pages in both
    /// languages with the navigation kept; the organisation's key still reads them.
    @Test func organisationsThingsAreRefusedSayingWhy() async throws {
        try await RolesAndScopesTests.live { test, client, keys in
            let l01 = RolesAndScopesTests.headers(keys.l01), writeL01 = RolesAndScopesTests.headers(keys.writeL01)
            for (method, path, headers, field) in [
                (HTTPRequest.Method.get, "programmes", l01, "scope_programmes"), (.get, "programmes/any/messages", l01, "scope_programmes"),
                (.get, "pulse-surveys", l01, "scope_employee_experience"), (.get, "life-situations", l01, "scope_life_situations"),
                (.get, "playbooks", l01, "scope_configuration"), (.put, "themes", writeL01, "scope_configuration"),
                (.put, "mystery/checklists/std", writeL01, "scope_configuration"), (.put, "bonus/formula", writeL01, "scope_configuration"),
                (.get, "webhooks", writeL01, "scope_configuration"), (.post, "surveys", writeL01, "scope_surveys"),
                (.post, "surveys/visit/close", writeL01, "scope_surveys"),
            ] {
                try await client.execute(uri: "/api/v1/\(path)", method: method, headers: headers, body: jsonBody(["items": []])) { response in
                    #expect(response.status == .unprocessableContent && response.errorField == field, "\(method) \(path): \(response.text)")
                    #expect(response.text.contains("ask a CX director or an administrator"), "\(path)")
                }
            }
            for path in ["programmes", "pulse-surveys", "life-situations", "playbooks", "mystery/checklists"] {
                try await client.execute(uri: "/api/v1/\(path)", method: .get, headers: test.auth) { #expect($0.status == .ok, "\(path) for the organisation") }
            }
            try await client.execute(uri: "/api/v1/mystery/checklists", method: .get, headers: l01) { #expect($0.status == .ok, "the checklists are read by all") }
            let page = try await ScopedKPIAndAlertsTests.page(client)
            for (path, sentence) in [
                ("/assessment?lang=en", "The maturity assessment is not shown"), ("/assessment?lang=ru", "Оценка зрелости не показывается"),
                ("/programmes?lang=en", "Programmes are not shown"), ("/programmes?lang=ru", "Программы не показываются"),
                ("/employee-experience?lang=ru", "Опыт сотрудников не показывается"), ("/life-situations?lang=en", "Life situations are not shown"),
                ("/surveys/new?lang=en", "Surveys are not edited, sent or closed"), ("/surveys/visit/edit?lang=ru", "не редактирует, не рассылает"),
                ("/playbooks?lang=en", "The configuration is not changed"),
            ] {
                try await client.execute(uri: path, method: .get, headers: page) { response in
                    #expect(response.status == .unprocessableContent, "\(path)")
                    #expect(response.text.contains(sentence), "\(path)")
                    #expect(response.text.contains("class=\"sections\""), "\(path): the navigation kept")
                }
            }
        }
    }
}
