import Foundation
import OtklikText
import Synchronization

/// The organisation's theme taxonomy as stored in `themes` (no rows: the shipped ``ThemeTaxonomy/standard``), and
/// the analyser built from it. Read inside the transaction that writes the analyses, so every server sharing a
/// database analyses with the taxonomy stored now; analysers are cached by the stored rows' content.
enum StoredTaxonomy {
    private static let cache = Mutex<[String: TextAnalyzer]>([:])

    /// The stored taxonomy, or nil when the organisation keeps the shipped one.
    static func load(_ executor: any SQLExecutor) async throws -> ThemeTaxonomy? {
        try await loadWithKey(executor).taxonomy
    }

    private static func loadWithKey(_ executor: any SQLExecutor) async throws -> (taxonomy: ThemeTaxonomy?, key: String) {
        let rows = try await executor.query("SELECT code, name_ru, name_en, keywords_ru, keywords_en FROM themes ORDER BY position, code")
        guard !rows.isEmpty else { return (nil, "") }
        var key = ""
        var themes: [Theme] = []
        for row in rows {
            let code = try row.string("code"), nameRu = try row.string("name_ru"), nameEn = try row.string("name_en")
            let ru = try row.string("keywords_ru"), en = try row.string("keywords_en")
            key += [code, nameRu, nameEn, ru, en].joined(separator: "\u{1F}") + "\u{1E}"
            themes.append(Theme(id: code, nameRu: nameRu, nameEn: nameEn, keywords: decodeList(ru) + decodeList(en)))
        }
        return (ThemeTaxonomy(themes: themes), key)
    }

    /// The analyser for the stored taxonomy and the stored model (the shipped lexicon alone when none is trained).
    static func analyzer(_ executor: any SQLExecutor) async throws -> TextAnalyzer {
        let loaded = try await loadWithKey(executor)
        let taxonomy = loaded.taxonomy
        var key = loaded.key
        let trained = try await executor.query("SELECT trained_at, texts FROM text_models WHERE id = 1").first
        if let trained { key += "model:\(trained.int64("trained_at") ?? 0):\(trained.int64("texts") ?? 0)" }
        if let cached = cache.withLock({ $0[key] }) { return cached }
        var model: TrainedSentimentModel?
        if trained != nil, let json = try await executor.query("SELECT model FROM text_models WHERE id = 1").first?.text("model") {
            model = try TrainedSentimentModel.decode(Data(json.utf8))
        }
        let analyzer = TextAnalyzer(trained: model, taxonomy: taxonomy ?? .standard)
        cache.withLock { entries in
            if entries.count >= 16 { entries.removeAll() }
            entries[key] = analyzer
        }
        return analyzer
    }

    /// Replaces the stored taxonomy (nil: back to the shipped one) within the caller's transaction.
    static func replace(_ taxonomy: ThemeTaxonomy?, in tx: any SQLExecutor) async throws {
        try await requestReanalysis(in: tx)
        try await tx.execute("DELETE FROM themes")
        guard let taxonomy else { return }
        let rows: [[SQLValue]] = taxonomy.themes.enumerated().map { index, theme in
            [.text(theme.id), .text(theme.nameRu), .text(theme.nameEn), .text(encodeList(theme.keywordsRu)), .text(encodeList(theme.keywordsEn)),
             .int(Int64(index))]
        }
        try await tx.insertRows("themes", columns: ["code", "name_ru", "name_en", "keywords_ru", "keywords_en", "position"], rows: rows)
    }

    /// Records, in the caller's transaction, that every stored text must be analysed again.
    static func requestReanalysis(in tx: any SQLExecutor) async throws {
        try await tx.execute("DELETE FROM text_reanalysis")
        try await tx.execute("INSERT INTO text_reanalysis (id, requested_at) VALUES (1, ?)", [.int(Int64((Date().timeIntervalSince1970 * 1000).rounded()))])
    }

    static func encodeList(_ list: [String]) -> String {
        (try? JSONEncoder().encode(list)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    static func decodeList(_ text: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }
}
