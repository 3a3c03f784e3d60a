import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import Testing

@testable import OtklikServer

/// Bonuses through HTTP: the formula's API and page, the figures, the staff member's own view, and the payroll export
/// recomputed independently by `scripts/bonus-check` (Python, sqlite3) on the demo's staff survey.
@Suite struct BonusExportTests {
    static let end = ISO8601DateFormatter().date(from: "2026-11-22T00:00:00Z")!
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func seedDemoStaffSurvey(_ test: TestApp) async throws {
        for region in DemoCatalogue.regions { try await test.app.database.reference.save(region) }
        for location in DemoCatalogue.locations { try await test.app.database.reference.save(location) }
        for staff in DemoCatalogue.staff where DemoStaffSurvey.locations.contains(staff.location ?? "") {
            try await test.app.database.reference.save(staff)
        }
        try await DemoStaffSurvey.seed(test.app.database.surveys, seed: 2026, end: Self.end)
    }

    /// Runs the independent check on the export; returns its exit status and output.
    static func check(database: String, from: String, to: String, csv: String) throws -> (Int32, String) {
        try checkFile(database: database, from: from, to: to, data: Data(csv.utf8), suffix: "csv")
    }

    static func checkFile(database: String, from: String, to: String, data: Data, suffix: String) throws -> (Int32, String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bonus-\(UUID().uuidString).\(suffix)")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("scripts/bonus-check").path, "--db", database, "--from", from, "--to", to, "--csv", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        process.waitUntilExit()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (process.terminationStatus, output)
    }

    @Test func theExportMatchesAnIndependentComputationOnTheDemo() async throws {
        try await TestApp.withRouter { test, client in
            try await Self.seedDemoStaffSurvey(test)
            let database = test.directory.appendingPathComponent("test.sqlite").path
            var csv = ""
            try await client.execute(uri: "/api/v1/bonus/export.csv?from=2026-09-01&to=2026-11-22", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/csv") == true)
                #expect(response.headers[.contentDisposition]?.contains("bonus-2026-09-01-2026-11-22.csv") == true)
                csv = response.text
            }
            let lines = csv.split(separator: "\r\n")
            #expect(lines.first?.hasPrefix("staff_code,staff_name,period_from,period_to,invitations") == true)
            #expect(lines.count > 15, "every front-office staff member of the four offices")
            #expect(lines.contains { $0.hasSuffix("fewer than 30 respondents: no figure") }, "the staff served less fall below the minimum n")
            #expect(lines.contains { $0.hasSuffix(",") && !$0.contains(",,,,") }, "others have a figure and a bonus")
            var (status, output) = try Self.check(database: database, from: "2026-09-01", to: "2026-11-22", csv: csv)
            #expect(status == 0, "\(output)")
            // The same export as a workbook: a real .xlsx (a zip of the Office Open XML parts), checked by the same script.
            var workbook = Data()
            try await client.execute(uri: "/api/v1/bonus/export.xlsx?from=2026-09-01&to=2026-11-22", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                #expect(response.headers[.contentDisposition]?.contains("bonus-2026-09-01-2026-11-22.xlsx") == true)
                workbook = Data(buffer: response.body)
            }
            #expect(workbook.prefix(2) == Data("PK".utf8), "a zip archive")
            (status, output) = try Self.checkFile(database: database, from: "2026-09-01", to: "2026-11-22", data: workbook, suffix: "xlsx")
            #expect(status == 0, "\(output)")
            // A formula changed through the API: the export follows it, and the check (which reads it from the database) agrees.
            let formula: [String: Any] = ["minimum_n": 20, "nps_weight": 2, "csat_weight": 1, "tiers": [["threshold": 40, "bonus_percent": 4], ["threshold": 55, "bonus_percent": 8]]]
            try await client.execute(uri: "/api/v1/bonus/formula", method: .put, headers: test.auth, body: jsonBody(formula)) {
                #expect($0.status == .ok && $0.json["minimum_n"] as? Int == 20)
            }
            try await client.execute(uri: "/api/v1/bonus/export.csv?from=2026-10-01&to=2026-11-22", method: .get, headers: test.auth) { csv = $0.text }
            (status, output) = try Self.check(database: database, from: "2026-10-01", to: "2026-11-22", csv: csv)
            #expect(status == 0, "\(output)")
            // A tampered export is caught.
            let tampered = csv.replacingOccurrences(of: ",8.0,", with: ",4.0,")
            if tampered != csv { #expect(try Self.check(database: database, from: "2026-10-01", to: "2026-11-22", csv: tampered).0 == 1) }
        }
    }

    @Test func theFormulaAndFiguresThroughTheAPIAndPages() async throws {
        try await TestApp.withRouter { test, client in
            try await Self.seedDemoStaffSurvey(test)
            try await client.execute(uri: "/api/v1/bonus/formula", method: .get, headers: test.auth) { #expect($0.json["minimum_n"] as? Int == 30) }
            let bad: [String: Any] = ["minimum_n": 30, "nps_weight": 1, "csat_weight": 1, "tiers": [["threshold": 60, "bonus_percent": 5], ["threshold": 50, "bonus_percent": 9]]]
            try await client.execute(uri: "/api/v1/bonus/formula", method: .put, headers: test.auth, body: jsonBody(bad)) {
                #expect($0.status == .unprocessableContent && $0.errorField == "tiers[1].threshold")
            }
            try await client.execute(uri: "/api/v1/bonus?from=2026-09-01&to=2026-11-22", method: .get, headers: test.auth) { response in
                let items = response.json["items"] as? [[String: Any]] ?? []
                #expect(items.count > 15)
                let withFigure = items.first { $0["nps"] is [String: Any] }
                #expect(((withFigure?["nps"] as? [String: Any])?["n"] as? Int ?? 0) >= 30)
                #expect((withFigure?["response_rate"] as? Double ?? 0) > 0.5)
                #expect(((withFigure?["nps"] as? [String: Any])?["interval"] as? [String: Any])?["low"] is Double)
                #expect(items.contains { $0["nps"] == nil && ($0["nps_n"] as? Int ?? 99) < 30 })
            }
            try await client.execute(uri: "/api/v1/bonus?from=2026-11-30&to=2026-11-01", method: .get, headers: test.auth) { #expect($0.errorField == "from") }
            try await client.execute(uri: "/api/v1/bonus/staff/S012?from=2026-09-01&to=2026-11-22", method: .get, headers: test.auth) {
                #expect($0.status == .ok && ($0.json["figure"] as? [String: Any])?["staff"] as? String == "S012" && $0.json["praise"] is [Any])
            }
            let cookie = try #require(try await DashboardTests.login(client))
            let localizer = try Localizer(defaultLanguage: "ru")
            for language in ["ru", "en"] {
                let foreign = PageLanguageTests.sentences(of: language == "ru" ? "en" : "ru", localizer: localizer)
                for uri in ["/bonus?from=2026-09-01&to=2026-11-22", "/my-results?staff=S012&from=2026-09-01&to=2026-11-22", "/my-results"] {
                    try await client.execute(uri: "\(uri)&lang=\(language)".replacingOccurrences(of: "/my-results&", with: "/my-results?"), method: .get, headers: [.cookie: cookie]) { response in
                        #expect(response.status == .ok, "\(uri)")
                        let text = PageLanguageTests.visible(response.text)
                        #expect(!text.contains("nil") && !text.contains("Optional("))
                        let leaks = foreign.filter { text.contains($0) }.sorted()
                        #expect(leaks.isEmpty, "\(uri) in \(language): \(leaks.prefix(5))")
                        if uri.hasPrefix("/bonus") { #expect(text.contains("n = ") && text.contains("95 %")) }
                    }
                }
            }
            try await client.execute(
                uri: "/bonus/formula", method: .post, headers: DashboardTests.form(cookie),
                body: SurveyEditorPageTests.body(["minimum_n": "25", "nps_weight": "1", "csat_weight": "0,5", "tiers": "45: 3\n65: 7,5"])
            ) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/api/v1/bonus/formula", method: .get, headers: test.auth) { response in
                #expect(response.json["minimum_n"] as? Int == 25 && response.json["csat_weight"] as? Double == 0.5)
                #expect((response.json["tiers"] as? [[String: Any]])?.last?["bonus_percent"] as? Double == 7.5)
            }
            try await client.execute(
                uri: "/bonus/formula?lang=ru", method: .post, headers: DashboardTests.form(cookie),
                body: SurveyEditorPageTests.body(["minimum_n": "25", "nps_weight": "1", "csat_weight": "1", "tiers": "45 3"])
            ) { #expect($0.status == .unprocessableContent) }
            try await client.execute(uri: "/bonus/export.csv?from=2026-09-01&to=2026-11-22", method: .get, headers: [.cookie: cookie]) {
                #expect($0.status == .ok && $0.text.hasPrefix("staff_code,"))
            }
        }
    }
}
