import Foundation
import Hummingbird
import OtklikCore
import OtklikMetrics

/// `/segments`: every rule-based segment with its size and figures, and the personas (k chosen by stability) as cards.
/// Every signed-in role reads; segments are defined through the API or `otklik segments define`.
struct SegmentsPageController {
    let segments: CustomerSegments
    let pages: PageRenderer
    let cache = PersonaCache()

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("segments", use: page)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (language, text) = pages.text(for: request)
        let now = Date()
        let rows = try await segments.evaluateAll(now: now).map { evaluated in
            SegmentsPage.Row(
                code: evaluated.segment.code, name: evaluated.segment.name(lang: language),
                rules: evaluated.segment.rules.map { Self.words($0, text) }, customers: evaluated.members.count,
                figures: Self.figures(evaluated.figures, text, language))
        }
        var page = SegmentsPage(minimumSize: segments.minimumSize, rows: rows, hasRows: !rows.isEmpty)
        do {
            let tool = self.segments
            let result = try await cache.result(lang: language, now: now) { try await tool.personas(choice: .auto, lang: language, now: now) }
            let chosen = result.stability?.candidates.first { $0.k == result.k }
            page.personas = SegmentsPage.Personas(
                customers: result.customers, k: result.k, chosenBy: result.chosenBy,
                stability: chosen.map { Self.decimal($0.meanARI, 2, language) } ?? "—",
                cards: result.personas.map { persona in
                    SegmentsPage.Persona(
                        number: persona.number, headingID: "persona-\(persona.number)-h", size: persona.size,
                        share: Self.decimal(100 * persona.share, 0, language) + " %", words: persona.words,
                        themes: persona.themes.map { "\($0.name) (\($0.comments))" }, hasThemes: !persona.themes.isEmpty,
                        figures: Self.figures(persona.figures, text, language))
                })
        } catch let error as OtklikError {
            page.personasUnavailable = error.message
        }
        return pages.render("segments", page: page, titleKey: "seg_title", request: request, context: context)
    }

    static func decimal(_ x: Double, _ digits: Int, _ language: String) -> String {
        let text = String(format: "%.\(digits)f", x)
        return language == "ru" ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    static func figures(_ figures: FeedbackFigures, _ text: [String: String], _ language: String) -> SegmentsPage.Figures {
        guard figures.shown else {
            let message = (text["seg_too_few"] ?? "Too few customers to show figures: {n} < {min}")
                .replacingOccurrences(of: "{n}", with: String(figures.customers)).replacingOccurrences(of: "{min}", with: String(figures.minimumSize))
            return SegmentsPage.Figures(shown: false, tooFew: message, items: [], hasItems: false, noAnswers: false)
        }
        func item(_ figure: FeedbackFigures.Figure?, _ key: String, digits: Int, unit: String) -> SegmentsPage.Figure? {
            figure.map {
                let interval = ($0.low.map { decimal($0, digits, language) } ?? "—") + "; " + ($0.high.map { decimal($0, digits, language) } ?? "—")
                return SegmentsPage.Figure(
                    label: text["seg_\(key)"] ?? key.uppercased(), value: "\(decimal($0.value, digits, language))\(unit) [\(interval)]", n: $0.n,
                    definition: text["seg_\(key)_definition"] ?? "")
            }
        }
        let items = [item(figures.nps, "nps", digits: 0, unit: ""), item(figures.csat, "csat", digits: 0, unit: " %"), item(figures.ces, "ces", digits: 1, unit: "")]
            .compactMap { $0 }
        return SegmentsPage.Figures(shown: true, tooFew: nil, items: items, hasItems: !items.isEmpty, noAnswers: items.isEmpty)
    }

    /// "Days since the last purchase ≤ 60".
    static func words(_ rule: SegmentRule, _ text: [String: String]) -> String {
        let attribute = text["seg_attr_\(rule.attribute.rawValue)"] ?? rule.attribute.rawValue
        let value: String
        switch rule.value {
        case .number(let x): value = x == x.rounded() ? String(Int(x)) : String(x)
        case .text(let t): value = text["seg_value_\(t)"] ?? t
        case .numbers(let list): value = list.map { $0 == $0.rounded() ? String(Int($0)) : String($0) }.joined(separator: rule.op == .between ? "–" : ", ")
        case .texts(let list): value = list.map { text["seg_value_\($0)"] ?? $0 }.joined(separator: ", ")
        }
        let op: String
        switch rule.op {
        case .eq: op = "="
        case .in: op = text["seg_op_in"] ?? "in"
        case .gte: op = "≥"
        case .lte: op = "≤"
        case .between: op = ""
        }
        return op.isEmpty ? "\(attribute) \(value)" : "\(attribute) \(op) \(value)"
    }
}
