import Foundation
import Hummingbird

/// Interface text in Russian and English, from `Resources/i18n/{ru,en}.json` and each feature's `Resources/i18n/<feature>/{ru,en}.json`.
struct Localizer: Sendable {
    static let languages = ["ru", "en"]
    static let cookieName = "otklik_lang"
    let tables: [String: [String: String]]
    let defaultLanguage: String

    init(defaultLanguage: String) throws {
        var tables: [String: [String: String]] = [:]
        for language in Self.languages {
            var table = try JSONDecoder().decode([String: String].self, from: ResourceFiles.data("i18n/\(language).json"))
            // A feature may keep its text in its own file beside the main one: `i18n/<feature>/<language>.json`.
            let folder = ResourceFiles.directory.appendingPathComponent("i18n")
            for feature in ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted() {
                let file = folder.appendingPathComponent(feature).appendingPathComponent("\(language).json")
                guard FileManager.default.fileExists(atPath: file.path) else { continue }
                let extra = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: file))
                table.merge(extra) { main, _ in main }
            }
            tables[language] = table
        }
        self.tables = tables
        self.defaultLanguage = Self.languages.contains(defaultLanguage) ? defaultLanguage : "ru"
    }

    func table(_ language: String) -> [String: String] {
        tables[language] ?? tables[defaultLanguage] ?? [:]
    }

    func text(_ key: String, _ language: String) -> String {
        table(language)[key] ?? key
    }

    /// `?lang=` first, then the cookie, then the browser's Accept-Language, then the organisation's default.
    func language(for request: Request) -> String {
        if let chosen = request.uri.queryParameters.get("lang"), Self.languages.contains(chosen) { return chosen }
        if let cookie = request.cookies[Self.cookieName]?.value, Self.languages.contains(cookie) { return cookie }
        if let header = request.headers[.acceptLanguage] {
            for part in header.split(separator: ",") {
                let tag = part.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
                if let language = Self.languages.first(where: { tag.hasPrefix($0) }) { return language }
            }
        }
        return defaultLanguage
    }
}
