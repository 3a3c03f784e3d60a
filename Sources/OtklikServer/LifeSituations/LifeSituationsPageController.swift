import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// `/life-situations`: the catalogue as cards, with detections, precision and recall against the labels (the demo's
/// planted situations) and the request figures of each situation's customers. Every signed-in role reads; the
/// catalogue is edited through the API or `otklik situations import`.
struct LifeSituationsPageController {
    let repository: any LifeSituationRepository
    let reference: any ReferenceRepository
    let pages: PageRenderer

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("life-situations", use: page)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (language, text) = pages.text(for: request)
        let names = try await ReferenceNames.load(reference)
        let counts = try await repository.counts()
        let figures = Dictionary(try await repository.requestFigures().map { ($0.situation, $0) }, uniquingKeysWith: { a, _ in a })
        let scores = try await repository.evaluate()
        let labelled = (scores.first.map { $0.truePositives + $0.falseNegatives } ?? 0) > 0
        let byCode = Dictionary(scores.compactMap { score in score.situation.map { ($0, score) } }, uniquingKeysWith: { a, _ in a })
        let cards = try await repository.situations().map { situation in
            LifeSituationsPage.Card(
                code: situation.code, anchor: "situation-\(situation.code)", headingID: "situation-\(situation.code)-h",
                name: situation.name(lang: language), rule: Self.rule(situation, text),
                signals: situation.signals.map { Self.signal($0, names: names, text: text) },
                services: situation.services.map { Self.code($0, names: names, text: text) }.joined(separator: ", "),
                hasServices: !situation.services.isEmpty,
                detections: counts[situation.code] ?? 0, score: labelled ? byCode[situation.code].map { Self.score($0, text, language) } : nil,
                requests: Self.requests(figures[situation.code], text, language))
        }
        let page = LifeSituationsPage(
            labelled: labelled, overall: labelled ? scores.first.map { Self.score($0, text, language) } : nil, cards: cards, hasCards: !cards.isEmpty)
        return pages.render("life-situations", page: page, titleKey: "ls_title", request: request, context: context)
    }

    /// A signal's or a service's code in words: the organisation's service name, else the default catalogue's name, else the code.
    static func code(_ code: String, names: ReferenceNames, text: [String: String]) -> String {
        names.services[code] ?? text["ls_code_\(code)"] ?? code
    }

    /// "contact about: birth certificate".
    static func signal(_ signal: LifeSituationSignal, names: ReferenceNames, text: [String: String]) -> String {
        "\(text["ls_kind_\(signal.kind.rawValue)"] ?? signal.kind.rawValue): \(code(signal.code, names: names, text: text))"
    }

    static func percent(_ x: Double?, _ language: String) -> String {
        guard let x else { return "—" }
        let text = String(format: "%.1f", 100 * x) + " %"
        return language == "ru" ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    static func score(_ score: DetectionScore, _ text: [String: String], _ language: String) -> LifeSituationsPage.Score {
        let counts = (text["ls_counts"] ?? "{tp} right, {fp} wrong, {fn} missed")
            .replacingOccurrences(of: "{tp}", with: String(score.truePositives)).replacingOccurrences(of: "{fp}", with: String(score.falsePositives))
            .replacingOccurrences(of: "{fn}", with: String(score.falseNegatives))
        return LifeSituationsPage.Score(precision: percent(score.precision, language), recall: percent(score.recall, language), counts: counts)
    }

    /// "2 of these signals within 90 days".
    static func rule(_ situation: LifeSituation, _ text: [String: String]) -> String {
        (text["ls_rule"] ?? "{n} different signals of these within {days} days")
            .replacingOccurrences(of: "{n}", with: String(situation.minSignals)).replacingOccurrences(of: "{days}", with: String(situation.windowDays))
    }

    /// "Service requests: 12; customers: 5; completed 75.0 %, online 50.0 %. Mean time to complete: 3.5 days." The
    /// mean is left out when no request was completed (nothing to average), and counts stand after a colon so that no
    /// plural form depends on the number.
    static func requests(_ figures: SituationRequestFigures?, _ text: [String: String], _ language: String) -> String {
        guard let figures, figures.requests > 0 else { return text["ls_no_requests"] ?? "No service requests from these customers around the detection." }
        let counts = (text["ls_requests"] ?? "Service requests: {r}; customers: {c}; completed {done}, online {online}.")
            .replacingOccurrences(of: "{r}", with: String(figures.requests)).replacingOccurrences(of: "{c}", with: String(figures.customers))
            .replacingOccurrences(of: "{done}", with: percent(Double(figures.completed) / Double(figures.requests), language))
            .replacingOccurrences(of: "{online}", with: percent(Double(figures.online) / Double(figures.requests), language))
        guard let mean = figures.meanDaysToComplete else { return counts }
        let days = String(format: "%.1f", mean)
        return counts + " " + (text["ls_requests_days"] ?? "Mean time to complete: {days} days.")
            .replacingOccurrences(of: "{days}", with: language == "ru" ? days.replacingOccurrences(of: ".", with: ",") : days)
    }
}
