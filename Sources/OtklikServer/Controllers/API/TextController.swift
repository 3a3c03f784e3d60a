import Foundation
import Hummingbird
import OtklikCore
import OtklikStore
import OtklikText

/// `/api/v1/text/...`: the text analytics of `otklik text` over HTTP. Each route takes
/// `{"items": [{"id": "…", "text": "…"}]}` (or one such object; at most 1,000 texts of at most
/// 100,000 bytes each) and answers `{"items": [...]}` in the same order, the `id` passed through.
struct TextController {
    /// The organisation's stored taxonomy is read for each request.
    let texts: any TextAnalysisRepository
    let playbooks: any PlaybookRepository

    static let maxTextBytes = 100_000

    struct Item: Decodable {
        var id: String?
        var text: String?
    }

    struct CheckRequest: Decodable {
        /// A playbook's event (`complaint`, `negative_press`, …); the standard is the organisation's playbooks.
        var event: String
        var items: [Item]
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("text/sentiment", use: sentiment)
        group.post("text/themes", use: themes)
        group.post("text/readability", use: readability)
        group.post("text/check-standard", use: checkStandard)
    }

    /// The texts of a batch, validated in full before any is analysed.
    static func texts(_ items: [Item]) throws(OtklikError) -> [(id: String?, text: String)] {
        try ItemBatch<Item>.converting(items) { item throws(OtklikError) in
            guard let text = item.text else { throw .invalid("text", "give the text to analyse") }
            guard text.utf8.count <= maxTextBytes else {
                throw OtklikError(.payloadTooLarge, "a text holds at most \(maxTextBytes) bytes", field: "text")
            }
            return (item.id, text)
        }
    }

    struct AnalysisRow: Encodable {
        var id: String?
        var lang: String?
        var mixed: Bool
        var label: String
        var score: Double
        var themes: [String]
    }

    struct ThemesRow: Encodable {
        var id: String?
        var lang: String?
        var themes: [String]
    }

    struct ReadabilityRow: Encodable {
        var id: String?
        var lang: String
        var sentences: Int
        var words: Int
        var syllables: Int
        var readability: Double?
        var level: String?
        var triggers: [String]
    }

    /// The compliance report with the item's id beside its fields.
    struct ComplianceRow: Encodable {
        var id: String?
        var report: ComplianceReport

        enum CodingKeys: String, CodingKey { case id }

        func encode(to encoder: any Encoder) throws {
            try report.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(id, forKey: .id)
        }
    }

    struct Rows<Row: Encodable>: Encodable {
        var items: [Row]
    }

    @Sendable func sentiment(_ request: Request, context: AppRequestContext) async throws -> Response {
        let texts = try Self.texts(try await JSONBody.decode(ItemBatch<Item>.self, from: request, context: context).items)
        let analyzer = try await self.texts.analyzer()
        return JSONResponse.make(.ok, Rows(items: texts.map { item in
            let analysis = analyzer.analyze(item.text)
            return AnalysisRow(
                id: item.id, lang: analysis.lang, mixed: analysis.mixed, label: analysis.label.rawValue,
                score: (analysis.score * 1000).rounded() / 1000, themes: analysis.themes)
        }))
    }

    @Sendable func themes(_ request: Request, context: AppRequestContext) async throws -> Response {
        let texts = try Self.texts(try await JSONBody.decode(ItemBatch<Item>.self, from: request, context: context).items)
        let analyzer = try await self.texts.analyzer()
        return JSONResponse.make(.ok, Rows(items: texts.map { item in
            let analysis = analyzer.analyze(item.text)
            return ThemesRow(id: item.id, lang: analysis.lang, themes: analysis.themes)
        }))
    }

    @Sendable func readability(_ request: Request, context: AppRequestContext) async throws -> Response {
        let texts = try Self.texts(try await JSONBody.decode(ItemBatch<Item>.self, from: request, context: context).items)
        let triggers = TriggerWordChecker()
        return JSONResponse.make(.ok, Rows(items: texts.map { item in
            let result = ReadabilityScorer.score(item.text)
            return ReadabilityRow(
                id: item.id, lang: result.language, sentences: result.sentences, words: result.words, syllables: result.syllables,
                readability: result.score.map { ($0 * 10).rounded() / 10 }, level: result.level,
                triggers: triggers.check(item.text).map(\.word))
        }))
    }

    @Sendable func checkStandard(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(CheckRequest.self, from: request, context: context)
        let texts = try Self.texts(body.items)
        guard let playbook = try await playbooks.playbooks().first(where: { $0.event == body.event }) else {
            throw OtklikError(.notFound, "no playbook for the event '\(body.event)'; see GET /api/v1/playbooks", field: "event")
        }
        let event = ServiceStandard.Event(playbook: playbook, forbidden: TriggerWordList.standard.words)
        let checker = StandardComplianceChecker()
        return JSONResponse.make(.ok, Rows(items: texts.map { ComplianceRow(id: $0.id, report: checker.check($0.text, against: event)) }))
    }
}
