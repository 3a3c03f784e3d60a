import Foundation
import OtklikCore
import OtklikText

/// The open answers of a survey's results page: each open question's answers with their sentiment and themes from the
/// organisation's text analyser (the same analysis as feedback comments), filterable by theme and paged.
struct SurveyOpenAnswers {
    static let pageSize = 20

    /// One answer, analysed.
    struct Item {
        let text: String
        let analysis: TextAnalysis
    }

    let analyzer: TextAnalyzer

    /// Each open question's answers among `invitations`, longest first; `theme` keeps those with that theme; `page`
    /// (1-based) picks ``pageSize`` of them. `link` builds the page's address for a theme and a page.
    func model(
        _ survey: Survey, invitations: Set<String>, answers: [String: [SurveyAnswer]], theme: String?, page: Int, language: String,
        text: [String: String], link: (String?, Int) -> String
    ) -> (questions: [SurveyResultsPage.OpenAnswers], themes: [SelectOption]) {
        let names = Dictionary(analyzer.themes.taxonomy.themes.map { ($0.id, language == "en" ? $0.nameEn : $0.nameRu) }, uniquingKeysWith: { first, _ in first })
        func name(_ id: String) -> String { names[id] ?? id }
        var counts: [String: Int] = [:]
        let questions = survey.questions.filter { $0.type == .text }.map { question -> SurveyResultsPage.OpenAnswers in
            var texts: [String] = []
            for (invitation, given) in answers where invitations.contains(invitation) {
                for answer in given where answer.question == question.code {
                    let trimmed = (answer.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                    if !trimmed.isEmpty { texts.append(trimmed) }
                }
            }
            texts.sort { (a: String, b: String) -> Bool in a.count != b.count ? a.count > b.count : a < b }
            let items = texts.map { Item(text: $0, analysis: analyzer.analyze($0)) }
            for item in items { for id in Set(item.analysis.themes) { counts[id, default: 0] += 1 } }
            let kept = theme.map { wanted in items.filter { $0.analysis.themes.contains(wanted) } } ?? items
            let pages = max(1, (kept.count + Self.pageSize - 1) / Self.pageSize)
            let current = min(max(1, page), pages)
            let shown = kept.dropFirst((current - 1) * Self.pageSize).prefix(Self.pageSize)
            let pageText = (text["survey_open_page"] ?? "Page {page} of {pages}")
                .replacingOccurrences(of: "{page}", with: String(current)).replacingOccurrences(of: "{pages}", with: String(pages))
            return SurveyResultsPage.OpenAnswers(
                code: question.code, text: question.text(language), count: kept.count, total: items.count,
                counted: (text["survey_open_counted"] ?? "{count} of {total} answers").replacingOccurrences(of: "{count}", with: String(kept.count))
                    .replacingOccurrences(of: "{total}", with: String(items.count)),
                hasAnswers: !kept.isEmpty,
                answers: shown.map { item in
                    SurveyResultsPage.OpenAnswer(
                        text: item.text, sentiment: text["sentiment_\(item.analysis.label.rawValue)"] ?? item.analysis.label.rawValue,
                        sentimentClass: "sentiment-\(item.analysis.label.rawValue)", themes: item.analysis.themes.map(name).joined(separator: ", "),
                        hasThemes: !item.analysis.themes.isEmpty)
                },
                page: pageText, paged: pages > 1,
                previous: current > 1 ? link(theme, current - 1) : nil, next: current < pages ? link(theme, current + 1) : nil)
        }
        let themes = [SelectOption(code: "", label: text["survey_open_all_themes"] ?? "all themes", selected: theme == nil)]
            + counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.map { id, count in
                SelectOption(code: id, label: "\(name(id)) (\(count))", selected: id == theme)
            }
        return (questions, themes)
    }
}
