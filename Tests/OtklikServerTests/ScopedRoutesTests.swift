import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikStore
import Testing

/// Issue 21 item 3, the routes that answered a scoped principal a generic 403: a location manager (olga, L01) and a key
/// limited to L01 now get their locations' records from a survey's responses CSV, the bonus figures and exports and a
/// customer's data export; the organisation-wide analyses (journeys, initiatives, acquisition, a customer's value)
/// answer 422 naming why; the drop-downs offer their locations under "All of mine". Over a real socket, on the data
/// of ``RolesAndScopesTests`` and ``CustomerScopeTests``.
///
/// Added here: staff S02 at L02 (S01 is at L01); the measurement survey `visit` with five invitations, two at L01
/// served by S01 and three at L02 served by S02.
@Suite struct ScopedRoutesTests {
    static func seedSurvey(_ test: TestApp, _ client: any TestClientProtocol) async throws {
        try await test.app.database.reference.save(Staff(code: "S02", name: "Борис", location: "L02"))
        try await client.execute(uri: "/api/v1/surveys", method: .post, headers: test.auth, body: jsonBody(SurveyFlowTests.survey)) {
            #expect($0.status == .created)
        }
        let now = Date()
        let visits: [String: Any] = ["items": [("L01", "S01"), ("L01", "S01"), ("L02", "S02"), ("L02", "S02"), ("L02", "S02")].enumerated().map { index, visit in
            ["id": "sv\(index)", "at": Timestamp.format(now.addingTimeInterval(Double(-3600 - index))), "location": visit.0, "staff": visit.1,
             "channel": "terminal"]
        }]
        try await client.execute(uri: "/api/v1/surveys/visit/interactions", method: .post, headers: test.auth, body: jsonBody(visits)) {
            #expect($0.status == .created)
        }
    }

    static func rows(_ csv: String) -> [[Substring]] {
        csv.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    }

    /// The responses CSV: L01's two invitations to olga and the L01 key (the location column says L01 on each), the
    /// organisation's five to the administrator's key; the invitations API lists L01's two, another location's is 404.
    @Test func aSurveysResponsesAreTheirLocationsOnly() async throws {
        try await RolesAndScopesTests.live { test, client, keys in
            try await Self.seedSurvey(test, client)
            let page = try await ScopedKPIAndAlertsTests.page(client)
            let location = 7  // SurveyCSV.fixedColumns: invitation, survey, status, invited_at, responded_at, customer, interaction, location
            try await client.execute(uri: "/surveys/visit/responses.csv", method: .get, headers: page) { response in
                #expect(response.status == .ok)
                let rows = Self.rows(response.text)
                #expect(rows.count == 2 && rows.allSatisfy { $0[location] == "L01" }, "\(response.text)")
            }
            try await client.execute(uri: "/surveys/visit?lang=ru", method: .get, headers: page) { response in
                #expect(response.text.contains("<option value=\"\" selected>Все мои</option>"), "the results' location choice is all of theirs")
                #expect(response.text.contains("<option value=\"L01\"") && !response.text.contains("<option value=\"L02\""))
            }
            try await client.execute(uri: "/api/v1/surveys/visit/responses.csv", method: .get, headers: RolesAndScopesTests.headers(keys.l01)) { response in
                #expect(response.status == .ok)
                #expect(Self.rows(response.text).map { String($0[location]) } == ["L01", "L01"])
            }
            try await client.execute(uri: "/api/v1/surveys/visit/responses.csv", method: .get, headers: RolesAndScopesTests.headers(keys.r1)) { response in
                #expect(Self.rows(response.text).count == 5, "region R1 holds L01 and L02")
            }
            try await client.execute(uri: "/api/v1/surveys/visit/responses.csv", method: .get, headers: test.auth) { response in
                #expect(Self.rows(response.text).count == 5, "the organisation's five")
            }
            // The invitations: L01's two listed, another location's one 404 as one that does not exist.
            let all = try await client.execute(uri: "/api/v1/surveys/visit/invitations", method: .get, headers: test.auth) { response in
                (response.json["items"] as? [[String: Any]] ?? []).map { ($0["id"] as? String ?? "", $0["location"] as? String ?? "") }
            }
            #expect(all.count == 5)
            try await client.execute(uri: "/api/v1/surveys/visit/invitations", method: .get, headers: RolesAndScopesTests.headers(keys.l01)) { response in
                #expect(response.status == .ok)
                #expect((response.json["items"] as? [[String: Any]] ?? []).compactMap { $0["location"] as? String } == ["L01", "L01"], "\(response.text)")
            }
            let mine = try #require(all.first { $0.1 == "L01" }?.0), other = try #require(all.first { $0.1 == "L02" }?.0)
            try await client.execute(uri: "/api/v1/surveys/visit/invitations/\(mine)", method: .get, headers: RolesAndScopesTests.headers(keys.l01)) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/api/v1/surveys/visit/invitations/\(other)", method: .get, headers: RolesAndScopesTests.headers(keys.l01)) {
                #expect($0.status == .notFound && $0.errorField == "id")
            }
        }
    }

    /// Bonuses: the L01 key's figures list S01 alone (with their two invitations), the organisation's S01 and S02;
    /// S02's figures are 404 to it; the page and the CSV show S01 and not S02, the XLSX is theirs too.
    @Test func bonusesAreTheStaffOfTheirLocations() async throws {
        try await RolesAndScopesTests.live { test, client, keys in
            try await Self.seedSurvey(test, client)
            let l01 = RolesAndScopesTests.headers(keys.l01)
            func staff(_ json: [String: Any]) -> [String: Int] {
                Dictionary(uniqueKeysWithValues: (json["items"] as? [[String: Any]] ?? []).compactMap { item in
                    (item["staff"] as? String).map { ($0, ((item["outcomes"] as? [String: Any]).map { $0.values.compactMap { $0 as? Int }.reduce(0, +) }) ?? -1) }
                })
            }
            try await client.execute(uri: "/api/v1/bonus", method: .get, headers: l01) { response in
                #expect(response.status == .ok)
                #expect(staff(response.json) == ["S01": 2], "\(response.text)")
            }
            try await client.execute(uri: "/api/v1/bonus", method: .get, headers: test.auth) { response in
                #expect(staff(response.json) == ["S01": 2, "S02": 3])
            }
            try await client.execute(uri: "/api/v1/bonus/staff/S01", method: .get, headers: l01) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/bonus/staff/S02", method: .get, headers: l01) { response in
                #expect(response.status == .notFound && response.errorField == "code")
            }
            try await client.execute(uri: "/api/v1/bonus/formula", method: .get, headers: l01) { #expect($0.status == .ok, "the organisation's formula") }
            try await client.execute(uri: "/api/v1/bonus/export.csv", method: .get, headers: l01) { response in
                #expect(response.status == .ok)
                #expect(Self.rows(response.text).map { String($0[0]) } == ["S01"], "\(response.text)")
            }
            let page = try await ScopedKPIAndAlertsTests.page(client)
            try await client.execute(uri: "/bonus?lang=en", method: .get, headers: page) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("staff=S01") && !response.text.contains("staff=S02") && !response.text.contains("Борис"))
            }
            try await client.execute(uri: "/bonus/export.csv", method: .get, headers: page) { response in
                #expect(Self.rows(response.text).map { String($0[0]) } == ["S01"])
            }
            try await client.execute(uri: "/bonus/export.xlsx", method: .get, headers: page) { response in
                #expect(response.status == .ok && response.headers[.contentType]?.contains("spreadsheetml") == true)
            }
            try await client.execute(uri: "/my-results?staff=S01&lang=en", method: .get, headers: page) { #expect($0.status == .ok) }
            try await client.execute(uri: "/my-results?staff=S02", method: .get, headers: page) { #expect($0.status == .notFound) }
        }
    }

    /// A customer's data export for the L01 key: Ivan's answer at L01 only (not the one at L02), the sections that
    /// span the organisation named as left out; the customer at L02 alone is 404, as one that does not exist.
    @Test func aCustomersDataExportIsTheirLocationsRecords() async throws {
        try await RolesAndScopesTests.live { test, client, keys in
            let (ivan, other) = try await CustomerScopeTests.seed(test, client)
            let l01 = RolesAndScopesTests.headers(keys.l01)
            func ids(_ json: [String: Any], _ section: String) -> Set<String> {
                Set(((json["sections"] as? [String: Any])?[section] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
            }
            try await client.execute(uri: "/api/v1/customers/\(ivan)/export", method: .get, headers: l01) { response in
                #expect(response.status == .ok)
                #expect(ids(response.json, "feedback") == ["x1"], "\(response.text)")
                #expect(response.json["locations"] as? [String] == ["L01"])
                #expect(response.json["left_out"] as? [String] == ["acquisition", "merges", "review"])
                #expect(((response.json["sections"] as? [String: Any])?["identities"] as? [Any])?.isEmpty == false, "their own identities")
            }
            try await client.execute(uri: "/api/v1/customers/\(ivan)/export", method: .get, headers: test.auth) { response in
                #expect(ids(response.json, "feedback") == ["x1", "x2"])
                #expect(response.json["locations"] == nil && (response.json["left_out"] as? [String])?.isEmpty == true)
            }
            try await client.execute(uri: "/api/v1/customers/\(other)/export", method: .get, headers: l01) { #expect($0.status == .notFound) }
            // The export is audited like any other: the scoped key's read is in the log.
            try await client.execute(uri: "/api/v1/audit?customer=\(ivan)&action=export", method: .get, headers: test.auth) { response in
                #expect((response.json["total"] as? Int ?? 0) >= 2, "\(response.text)")
            }
        }
    }

    /// Journeys, initiatives, acquisition and a customer's value: 422 naming the reason, to the key and (in both
    /// languages) on the pages, with the navigation kept; the organisation's key still reads them.
    @Test func organisationWideAnalysesAreRefusedSayingWhy() async throws {
        try await RolesAndScopesTests.live { test, client, keys in
            let (ivan, _) = try await CustomerScopeTests.seed(test, client)
            let l01 = RolesAndScopesTests.headers(keys.l01)
            for (path, field) in [
                ("journeys", "scope_journeys"), ("initiatives", "scope_initiatives"), ("initiatives/portfolio", "scope_initiatives"),
                ("customers/acquisition", "scope_acquisition"), ("acquisition-costs", "scope_acquisition"), ("customers/\(ivan)/value", "scope_value"),
            ] {
                try await client.execute(uri: "/api/v1/\(path)", method: .get, headers: l01) { response in
                    #expect(response.status == .unprocessableContent && response.errorField == field, "\(path): \(response.text)")
                    #expect(response.text.contains("cannot be limited to some locations"), "\(path)")
                }
                try await client.execute(uri: "/api/v1/\(path)", method: .get, headers: test.auth) { #expect($0.status == .ok, "\(path) for the organisation") }
            }
            let page = try await ScopedKPIAndAlertsTests.page(client)
            for (path, sentence) in [("/journeys?lang=ru", "Пути клиентов не показываются"), ("/journeys?lang=en", "Journeys are not shown"),
                                     ("/initiatives?lang=ru", "Инициативы не показываются"), ("/initiatives?lang=en", "Ask a CX director or an administrator")] {
                try await client.execute(uri: path, method: .get, headers: page) { response in
                    #expect(response.status == .unprocessableContent, "\(path)")
                    #expect(response.text.contains(sentence), "\(path)")
                    #expect(response.text.contains("class=\"sections\""), "\(path): the navigation kept")
                }
            }
        }
    }

    /// The drop-downs of the pages a location manager opens: their location under "All of mine" ("Все мои"), never
    /// another; the director's read "All".
    @Test func dropDownsOfferAllOfMine() async throws {
        try await RolesAndScopesTests.live { test, client, _ in
            let page = try await ScopedKPIAndAlertsTests.page(client)
            for (path, select) in [("/", "location"), ("/cases", "f-location"), ("/case-reports", "location"), ("/public-services", "location")] {
                for (lang, all) in [("en", "All of mine"), ("ru", "Все мои")] {
                    try await client.execute(uri: "\(path)?lang=\(lang)", method: .get, headers: page) { response in
                        let html = response.text
                        guard let start = html.range(of: "<select id=\"\(select)\""), let end = html[start.lowerBound...].range(of: "</select>") else {
                            Issue.record("\(path): no select \(select)")
                            return
                        }
                        let list = String(html[start.lowerBound..<end.lowerBound])
                        #expect(list.contains(">\(all)</option>"), "\(path) \(lang): \(list)")
                        #expect(list.contains("value=\"L01\"") && !list.contains("value=\"L02\"") && !list.contains("value=\"L03\""), "\(path): \(list)")
                    }
                }
            }
            let director = try #require(try await NotificationPageTests.login(client, user: "manager"))
            try await client.execute(uri: "/?lang=en", method: .get, headers: [.cookie: director, .accept: "text/html"]) { response in
                #expect(!response.text.contains("All of mine") && response.text.contains("value=\"L02\""))
            }
        }
    }
}
