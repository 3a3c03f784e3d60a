import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikMetrics
import Testing
@testable import OtklikServer

/// Issue 20 item 7, the monthly report: the month and its previous calendar month, figures that are the metrics
/// API's, the change against the previous calendar month (not a period of equal length) with its interval, the
/// 12-month trend as a table, both languages, a wrong month or location kept in the form (422), the XLSX read back
/// by an independent reader (scripts/reference/report_xlsx.py, and openpyxl when installed) and the PDF's pages.
@Suite struct MonthlyReportTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func monthsAndTheirNeighbours() throws {
        let zone = TimeZone(identifier: "Europe/Moscow")!
        let october = try MonthlyReportQuery(parameters: ["month": "2026-10", "location": "L01"], timeZone: zone)
        #expect(LocalCalendar.label(day: october.fromDay) == "2026-10-01" && LocalCalendar.label(day: october.toDay) == "2026-10-31")
        #expect(LocalCalendar.label(day: october.previousFromDay) == "2026-09-01" && LocalCalendar.label(day: october.previousToDay) == "2026-09-30")
        #expect(october.trendMonths.first == "2025-11" && october.trendMonths.last == "2026-10" && october.trendMonths.count == 12)
        #expect(october.queryString == "month=2026-10&location=L01" && october.fileStem == "otklik-report-2026-10-L01")
        let january = try MonthlyReportQuery(parameters: ["month": "2028-01"], timeZone: zone)
        #expect(LocalCalendar.label(day: january.previousFromDay) == "2027-12-01" && LocalCalendar.label(day: january.toDay) == "2028-01-31")
        let february = try MonthlyReportQuery(parameters: ["month": "2028-02"], timeZone: zone)
        #expect(LocalCalendar.label(day: february.toDay) == "2028-02-29", "a leap year's February")
        for wrong in ["2026-13", "2026-1", "26-10", "2026-10-01", "октябрь", "1999-12"] {
            #expect(throws: OtklikError.self, "\(wrong)") { try MonthlyReportQuery(parameters: ["month": wrong], timeZone: zone) }
            do throws(OtklikError) { _ = try MonthlyReportQuery(parameters: ["month": wrong], timeZone: zone) } catch { #expect(error.field == "month") }
        }
        let now = ISO8601DateFormatter().date(from: "2026-12-03T10:00:00Z")!
        #expect(try MonthlyReportQuery(parameters: [:], timeZone: zone, now: now).month == "2026-11", "by default the last complete month")
    }

    /// October 2026 at L01: NPS 50 (60 promoters, 10 detractors of 100), CSAT 70 % (70 of 100 answers 4-5); September:
    /// NPS 10 (40, 30), CSAT 50 %; 31 August: 100 detractors with CSAT 1 — inside the 31 days before October, outside
    /// September. Against September: NPS +40.0 [+19.1; +60.9] (as on the dashboard's test), CSAT +20.0 pp with
    /// SE = √(0.7·0.3/100 + 0.5·0.5/100) = 0.06782, interval 20 ± 1.96·6.782 = [+6.7; +33.3]. Against the 31 days
    /// before October the NPS change would be 50 − (40 − 130)/200·100 = +95.0.
    static func seed(_ test: TestApp) async throws {
        func answers(_ prefix: String, _ day: String, promoters: Int, detractors: Int, satisfied: Int) -> [Feedback] {
            let ts = ISO8601DateFormatter().date(from: "\(day)T12:00:00Z")!
            return (0..<100).map { index in
                let score = index < promoters ? 10 : (index < promoters + detractors ? 2 : 8)
                return Feedback(
                    id: "\(prefix)\(index)", ts: ts, channel: .terminal, kind: .informative, location: "L01", nps: score,
                    csat: index < satisfied ? 5 : 2, ces: 5)
            }
        }
        _ = try await test.app.ingest.ingest(
            answers("oct", "2026-10-10", promoters: 60, detractors: 10, satisfied: 70) + answers("sep", "2026-09-10", promoters: 40, detractors: 30, satisfied: 50)
                + answers("aug", "2026-08-31", promoters: 0, detractors: 100, satisfied: 0))
    }

    @Test func theReportShowsTheAPIFiguresAndTheChangeAgainstThePreviousCalendarMonth() async throws {
        try await TestApp.withRouter(minimumN: 30) { test, client in
            try await Self.seed(test)
            let cookie = try #require(try await DashboardTests.login(client))
            let (status, en) = try await DashboardFigureTests.page(client, cookie, "/reports/monthly?month=2026-10&lang=en")
            #expect(status == .ok)
            #expect(PageNilTests.leaks(en).isEmpty)
            #expect(en.contains("Change against 2026-09 (2026-09-01 – 2026-09-30)"))
            #expect(en.contains("+40.0 NPS points") && en.contains("[+19.1; +60.9]"))
            #expect(en.contains("+20.0 pp") && en.contains("[+6.7; +33.3]"))
            #expect(!en.contains("+95.0"), "the previous calendar month, not the 31 days before")
            #expect(en.contains("id=\"report-trend\"") && en.contains("<svg class=\"chart\""))
            #expect(en.contains("href=\"/reports/monthly.xlsx?month=2026-10\"") && en.contains("href=\"/reports/monthly.pdf?month=2026-10\""))
            // Every card's figure is the API's for the query it names.
            let cards = en.components(separatedBy: "data-api=\"").dropFirst().map { String($0.prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&") }
            #expect(cards.count >= 8)
            for link in cards where link.hasPrefix("/api/v1/metrics") && !link.contains("by=") {
                try await client.execute(uri: link, method: .get, headers: test.auth) { response in
                    #expect(response.status == .ok, "\(link)")
                    let overall = try #require(response.json["overall"] as? [String: Any])
                    let metric = try #require(response.json["metric"] as? String)
                    let n = try #require(overall["n"] as? Int)
                    let marker = "data-metric=\"\(metric)\" data-api=\"\(link.replacingOccurrences(of: "&", with: "&amp;"))\""
                    let card = try #require(en.components(separatedBy: marker).dropFirst().first, "\(metric)")
                    #expect(card.contains("<span data-n>\(n)</span>"), "\(metric)")
                }
            }
            try await client.execute(uri: "/api/v1/metrics?metric=nps&from=2026-10-01&to=2026-11-01&location=", method: .get, headers: test.auth) { response in
                let overall = try #require(response.json["overall"] as? [String: Any])
                #expect(overall["value"] as? Double == 50 && overall["n"] as? Int == 100)
            }
            #expect(en.contains("<p class=\"big\" data-value>50.0</p>") && en.contains("<p class=\"big\" data-value>70.0 %</p>"))
            // The trend's text equivalent: August −100 (n = 100), September 10, October 50.
            #expect(en.contains("<th scope=\"row\">2026-08</th><td class=\"num\" data-value=\"-100.0\">-100.0</td>"))
            #expect(en.contains("<th scope=\"row\">2026-10</th><td class=\"num\" data-value=\"50.0\">50.0</td>"))
            // October rose: nothing declines. At L02, NPS 100 in September and 0 in October (50 promoters, 50
            // detractors): a significant decline heads "what to do next".
            #expect(!en.contains("report-action-decline"))
            let september = ISO8601DateFormatter().date(from: "2026-09-15T12:00:00Z")!, october = ISO8601DateFormatter().date(from: "2026-10-15T12:00:00Z")!
            _ = try await test.app.ingest.ingest((0..<100).flatMap { index in [
                Feedback(id: "l2s\(index)", ts: september, channel: .terminal, kind: .informative, location: "L02", nps: 10),
                Feedback(id: "l2o\(index)", ts: october, channel: .terminal, kind: .informative, location: "L02", nps: index < 50 ? 10 : 0),
            ] })
            let (_, fallen) = try await DashboardFigureTests.page(client, cookie, "/reports/monthly?month=2026-10&location=L02&lang=en")
            #expect(fallen.contains("report-action-decline") && fallen.contains("NPS fell: −100.0 NPS points"))
            let (_, ru) = try await DashboardFigureTests.page(client, cookie, "/reports/monthly?month=2026-10&location=L01&lang=ru")
            #expect(ru.contains("Ежемесячный отчёт") && ru.contains("+40,0 п. NPS") && ru.contains("Что делать дальше"))
            #expect(PageNilTests.leaks(ru).isEmpty)
            let (_, location) = try await DashboardFigureTests.page(client, cookie, "/reports/monthly?month=2026-10&location=L01&lang=en")
            #expect(location.contains("Location: Офис на Тверской") && location.contains("+40.0 NPS points"))
        }
    }

    @Test func aWrongMonthOrLocationIsKeptInTheFormWithNoFigures() async throws {
        try await TestApp.withRouter { _, client in
            let cookie = try #require(try await DashboardTests.login(client))
            for language in ["ru", "en"] {
                let (status, html) = try await DashboardFigureTests.page(client, cookie, "/reports/monthly?month=2026-13&lang=\(language)")
                #expect(status == .unprocessableContent)
                #expect(html.contains("value=\"2026-13\"") && html.contains("id=\"report-error\"") && html.contains("aria-invalid=\"true\""))
                #expect(!html.contains("kpi-figure") && PageNilTests.leaks(html).isEmpty)
                let (other, unknown) = try await DashboardFigureTests.page(client, cookie, "/reports/monthly?month=2026-10&location=NOPE&lang=\(language)")
                #expect(other == .unprocessableContent && unknown.contains("id=\"report-error\"") && !unknown.contains("kpi-figure"))
            }
            try await client.execute(uri: "/reports/monthly.xlsx?month=13", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .badRequest || response.status == .unprocessableContent)
            }
        }
    }

    /// The XLSX: one sheet per table, a header row, numbers as numbers, months as dates, read by an independent reader.
    @Test func theWorkbookHoldsEveryTableWithNumbersAndDates() async throws {
        try await TestApp.withRouter(minimumN: 30) { test, client in
            try await Self.seed(test)
            let cookie = try #require(try await DashboardTests.login(client))
            var data = Data()
            try await client.execute(uri: "/reports/monthly.xlsx?month=2026-10&lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                #expect(response.headers[.contentDisposition]?.contains("otklik-report-2026-10.xlsx") == true)
                data = Data(response.body.readableBytesView)
            }
            let sheets = try Self.readWorkbook(data)
            let names = sheets.map { $0.name }
            #expect(names.starts(with: ["Headline", "Trend"]) && names.contains("Reasons") && names.contains("Cases"), "\(names)")
            let trend = try #require(sheets.first { $0.name == "Trend" })
            #expect(trend.rows.first?.first as? String == "Month")
            let october = try #require(trend.rows.first { $0.first as? String == "2026-10-01" }, "the month is a date")
            #expect(october[1] as? Double == 50 && october[4] as? Double == 100 && october[5] as? Double == 70)
            let august = try #require(trend.rows.first { $0.first as? String == "2026-08-01" })
            #expect(august[1] as? Double == -100)
            let headline = try #require(sheets.first { $0.name == "Headline" })
            let nps = try #require(headline.rows.first { $0.first as? String == "NPS" })
            #expect(nps[1] as? Double == 50 && nps[4] as? Double == 100)
            #expect(abs((nps[7] as? Double ?? 0) - 40) < 1e-9, "the change is a number")
            let (_, ru) = try await Self.download(client, cookie, "/reports/monthly.xlsx?month=2026-10&lang=ru")
            #expect(try Self.readWorkbook(ru).map(\.name).starts(with: ["Показатели", "Динамика"]))
        }
    }

    /// The PDF, when Chromium is installed: a PDF of several A4 pages, none blank (pages drawn as images by pdftoppm
    /// from poppler-utils when it is installed).
    @Test(.enabled(if: ChromiumPrinter.find() != nil)) func thePDFHasItsPagesDrawn() async throws {
        try await TestApp.withRouter(minimumN: 30) { test, client in
            try await Self.seed(test)
            let cookie = try #require(try await DashboardTests.login(client))
            let (status, pdf) = try await Self.download(client, cookie, "/reports/monthly.pdf?month=2026-10&lang=ru")
            #expect(status == .ok && pdf.starts(with: Data("%PDF".utf8)))
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftoppm") else { return }
            let pages = try Self.pageImages(pdf)
            #expect(pages.count >= 4 && pages.count <= 8, "\(pages.count) pages")
            for (index, page) in pages.enumerated() {
                #expect(page.width < page.height, "page \(index + 1) is portrait")
                #expect(page.inked > 0.001, "page \(index + 1) is not blank: \(page.inked)")
            }
        }
    }

    @Test func withoutChromiumThePDFIsRefusedSayingHowToGetIt() {
        #expect(ChromiumPrinter.find(environment: ["OTKLIK_CHROMIUM": "/nonexistent/chromium", "PATH": "/usr/bin"]) == nil)
        #expect(ChromiumPrinter.find(environment: ["PATH": "/nonexistent"]) == nil)
        #expect(ChromiumPrinter.missing.code == .unavailable && ChromiumPrinter.missing.message.contains("chromium"))
    }

    // MARK: - Helpers

    static func download(_ client: any TestClientProtocol, _ cookie: String, _ uri: String) async throws -> (HTTPResponse.Status, Data) {
        try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie]) { ($0.status, Data($0.body.readableBytesView)) }
    }

    /// The workbook as scripts/reference/report_xlsx.py reads it.
    static func readWorkbook(_ data: Data) throws -> [(name: String, rows: [[Any?]])] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString).xlsx")
        try data.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try run("/usr/bin/env", ["python3", root.appendingPathComponent("scripts/reference/report_xlsx.py").path, file.path])
        let json = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
        #expect(json["openpyxl"] as? String != nil)
        let sheets = try #require(json["sheets"] as? [[String: Any]])
        return sheets.map { sheet in
            (name: sheet["name"] as? String ?? "", rows: (sheet["rows"] as? [[Any]] ?? []).map { $0.map { $0 is NSNull ? nil : $0 } })
        }
    }

    struct PageImage { let width: Int; let height: Int; let inked: Double }

    /// Each page drawn by pdftoppm as a grey image (PGM, 20 dpi): its size and the share of pixels darker than light grey.
    static func pageImages(_ pdf: Data) throws -> [PageImage] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-pages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try pdf.write(to: folder.appendingPathComponent("report.pdf"))
        _ = try run("/usr/bin/pdftoppm", ["-gray", "-r", "20", folder.appendingPathComponent("report.pdf").path, folder.appendingPathComponent("page").path])
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".pgm") }.sorted()
        return try files.map { name in
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
            // P5\n<width> <height>\n255\n<pixels>
            var fields: [String] = [], index = 0, current = ""
            while fields.count < 4, index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                    if !current.isEmpty { fields.append(current); current = "" }
                } else {
                    current.append(Character(UnicodeScalar(byte)))
                }
            }
            let width = Int(fields[1]) ?? 0, height = Int(fields[2]) ?? 0
            let pixels = bytes[index...]
            let dark = pixels.filter { $0 < 200 }.count
            return PageImage(width: width, height: height, inked: Double(dark) / Double(max(1, pixels.count)))
        }
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(executable) \(arguments)")
        return output
    }
}
