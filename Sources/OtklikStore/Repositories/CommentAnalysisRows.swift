import Foundation
import OtklikCore
import OtklikText

/// How a comment's ``TextAnalysis`` is stored in `comment_analysis`: one row per feedback with a comment.
enum CommentAnalysisRows {
    static let columns = ["feedback_id", "lang", "mixed", "label", "score", "themes", "words", "analysed_at"]
    /// Rewrites an existing row (re-analysis after the taxonomy changed).
    static let upsert = """
        ON CONFLICT (feedback_id) DO UPDATE SET lang = excluded.lang, mixed = excluded.mixed, label = excluded.label,
        score = excluded.score, themes = excluded.themes, words = excluded.words, analysed_at = excluded.analysed_at
        """

    static func binds(feedbackID: String, _ analysis: TextAnalysis, at now: Int64) -> [SQLValue] {
        [
            .text(feedbackID), SQLValue(analysis.lang), .int(analysis.mixed ? 1 : 0), .text(analysis.label.rawValue),
            .double((analysis.score * 10_000).rounded() / 10_000), analysis.themes.isEmpty ? .null : .text(analysis.themes.joined(separator: ";")),
            .int(Int64(analysis.words)), .int(now),
        ]
    }

    static func analysis(row: SQLRow) -> TextAnalysis {
        TextAnalysis(
            lang: row.text("lang"), mixed: row.int("mixed") == 1,
            label: row.text("label").flatMap(SentimentLabel.init(rawValue:)) ?? .neutral, score: row["score"].double ?? 0,
            themes: themes(row.text("themes")), words: row.int("words") ?? 0)
    }

    static func themes(_ text: String?) -> [String] {
        text.map { $0.split(separator: ";").map(String.init) } ?? []
    }

    /// Analyses the comments among `feedback` with the stored taxonomy and model, read through `executor`: the rows
    /// to store. No transaction needed (nor wanted: no NLP under SQLite's writer lock).
    static func rows(_ feedback: [Feedback], at now: Int64, reading executor: any SQLExecutor) async throws -> [[SQLValue]] {
        let commented = feedback.filter { $0.comment != nil }
        guard !commented.isEmpty else { return [] }
        let analyzer = try await StoredTaxonomy.analyzer(executor)
        return commented.map { item in binds(feedbackID: item.id, analyzer.analyze(item.comment ?? ""), at: now) }
    }

    /// Stores analysed rows: replacing an earlier analysis (re-analysis), or keeping it (a feed step done twice).
    static func insert(_ rows: [[SQLValue]], replace: Bool, in tx: any SQLExecutor) async throws {
        guard !rows.isEmpty else { return }
        try await tx.insertRows(
            "comment_analysis", columns: columns, rows: rows, suffix: replace ? upsert : "ON CONFLICT (feedback_id) DO NOTHING")
    }
}
