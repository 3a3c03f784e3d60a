import Foundation
import OtklikApplication
import OtklikCore
import OtklikInterchange
import OtklikMetrics
import OtklikStore
import OtklikText

/// The monthly report in its three forms — the page model (HTML), the PDF printed from it, the XLSX of its tables —
/// for the page, the downloads, the CLI and the mailed report. One builder (``MonthlyReportBuilder``) computes the
/// figures; the forms differ only in how they are written.
struct MonthlyReports: Sendable {
    let database: AppDatabase
    let analytics: Analytics
    let caseReports: CaseReports
    let dissatisfaction: DissatisfactionBuilder
    let localizer: Localizer
    let library: PageRenderer
    let minimumN: Int

    enum Format: String, Sendable, CaseIterable {
        case html, pdf, xlsx

        var contentType: String {
            switch self {
            case .html: "text/html; charset=utf-8"
            case .pdf: "application/pdf"
            case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        }
    }

    func builder(language: String, now: Date = Date(), scope: Set<String>? = nil) async throws -> MonthlyReportBuilder {
        let text = localizer.table(language)
        let names = try await ReferenceNames.load(database.reference)
        let taxonomy = try await database.texts.taxonomy().taxonomy
        var themes = Dictionary(try await database.reasons.reasons().map { ($0.code, $0.label(language)) }, uniquingKeysWith: { first, _ in first })
        for theme in taxonomy.themes { themes[theme.id] = language == "en" ? theme.nameEn : theme.nameRu }
        var builder = MonthlyReportBuilder(
            analytics: analytics, names: names, targets: try await database.targets.targets(), caseReports: caseReports, cases: database.cases,
            problems: database.problems, dissatisfaction: dissatisfaction, themes: themes,
            organisationName: try await database.reference.organisation().name, minimumN: minimumN, text: text, now: now, scope: scope)
        builder.surveys = database.surveys
        return builder
    }

    func page(_ query: MonthlyReportQuery, language: String, now: Date = Date(), scope: Set<String>? = nil) async throws -> MonthlyReportPage {
        try await builder(language: language, now: now, scope: scope).build(query)
    }

    /// The report as one self-contained HTML document: no navigation, no form, the style sheet inline (it loads nothing,
    /// so a mail client and Chromium's printer show it as the page prints).
    func document(_ page: MonthlyReportPage, language: String) throws -> String {
        var page = page
        page.interactive = false
        let html = library.html("monthly-report", page: page, title: page.heading, language: language, user: nil, languageLinks: [])
        let css = String(decoding: try ResourceFiles.data("static/otklik.css"), as: UTF8.self)
        return html.replacingOccurrences(of: #"<link rel="stylesheet" href="/static/otklik.css">"#, with: "<style>\n\(css)\n</style>")
    }

    func xlsx(_ page: MonthlyReportPage) throws -> Data {
        try SpreadsheetWorkbook(sheets: page.tables.map(\.sheet)).data()
    }

    func pdf(_ page: MonthlyReportPage, language: String) async throws -> Data {
        guard let printer = ChromiumPrinter.find() else { throw ChromiumPrinter.missing }
        return try await printer.pdf(html: try document(page, language: language))
    }

    /// The report in `format`, as the bytes of its file.
    func file(_ query: MonthlyReportQuery, format: Format, language: String, now: Date = Date(), scope: Set<String>? = nil) async throws -> Data {
        if format == .pdf, ChromiumPrinter.find() == nil { throw ChromiumPrinter.missing }
        let page = try await page(query, language: language, now: now, scope: scope)
        switch format {
        case .html: return Data(try document(page, language: language).utf8)
        case .xlsx: return try xlsx(page)
        case .pdf: return try await pdf(page, language: language)
        }
    }
}
