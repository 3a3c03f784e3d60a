import Foundation
import Hummingbird
import OtklikCore
import OtklikMetrics
import OtklikStore

/// `/api/v1/mystery/…`: checklists from the service standard, planned visits and calls, the shoppers' results (one per
/// visit; a resend is a duplicate) and the scores per location, staff member, item or week.
struct MysteryController {
    let repository: any MysteryShoppingRepository
    let scores: MysteryScoreBuilder
    let timeZone: TimeZone

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("mystery/checklists", use: checklists)
        group.put("mystery/checklists/{code}", use: saveChecklist)
        group.get("mystery/visits", use: visits)
        group.post("mystery/visits", use: plan)
        group.post("mystery/results", use: report)
        group.get("mystery/scores", use: scoreList)
    }

    struct ChecklistInput: Decodable {
        var title: String
        var items: [MysteryChecklist.Item]
    }

    @Sendable func checklists(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(.ok, ["items": try await repository.checklists()])
    }

    @Sendable func saveChecklist(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        let input = try await JSONBody.decode(ChecklistInput.self, from: request, context: context)
        let checklist = MysteryChecklist(code: code, title: input.title, items: input.items)
        try await repository.save(checklist, now: Date())
        return JSONResponse.make(.ok, try await repository.checklist(code: code))
    }

    @Sendable func visits(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (from, to) = try Self.period(request, timeZone: timeZone)
        return JSONResponse.make(.ok, ["items": try await repository.visits(from: from, to: to, visibleTo: context).map { MysteryVisitOutput($0.visit, reported: $0.reported) }])
    }

    @Sendable func plan(_ request: Request, context: AppRequestContext) async throws -> Response {
        let batch = try await JSONBody.decode(ItemBatch<MysteryVisitInput>.self, from: request, context: context)
        let zone = timeZone
        let visits = try batch.converted { (input) throws(OtklikError) in try input.visit(timeZone: zone) }
        // A scoped key plans checks at its locations only: 403 naming the item, nothing of the batch written.
        if let index = visits.firstIndex(where: { !context.accessScope.allows(location: $0.location) }) {
            throw OtklikError(.forbidden, "location '\(visits[index].location)' is outside the scope of this API key", field: "items[\(index)].location")
        }
        let outcome = try await repository.plan(visits, now: Date())
        return JSONResponse.make(outcome.inserted.isEmpty ? .ok : .created, ["inserted": outcome.inserted, "duplicates": outcome.duplicates])
    }

    struct ReportJSON: Encodable {
        var visit: String
        var stored: Bool
        var score: Double
    }

    @Sendable func report(_ request: Request, context: AppRequestContext) async throws -> Response {
        let input = try await JSONBody.decode(MysteryResultInput.self, from: request, context: context)
        try await repository.requireVisibleForResult(visit: input.visit, context: context)
        let (stored, score) = try await repository.report(try input.result(shopper: nil), now: Date())
        return JSONResponse.make(stored ? .created : .ok, ReportJSON(visit: input.visit, stored: stored, score: score))
    }

    @Sendable func scoreList(_ request: Request, context: AppRequestContext) async throws -> Response {
        let text = request.uri.queryParameters.get("by") ?? "location"
        guard let dimension = MysteryScoreBuilder.Dimension(rawValue: text) else {
            throw OtklikError.invalid("by", "by must be location, staff, item or week")
        }
        let (from, to) = try Self.period(request, timeZone: timeZone)
        return JSONResponse.make(.ok, [
            "definition": .string(MysteryScoreDefinition.text),
            "by": .string(dimension.rawValue),
            "items": .rows(try await scores.scores(by: dimension, from: from, to: to, scope: context.accessScope)),
        ] as [String: ScoresJSONValue])
    }

    /// `from` and `to` (dates or times) from the query; either may be absent.
    static func period(_ request: Request, timeZone: TimeZone) throws -> (Date?, Date?) {
        func parse(_ name: String) throws -> Date? {
            guard let text = request.uri.queryParameters.get(name), !text.isEmpty else { return nil }
            guard let date = Timestamp.parse(text, dateOnlyZone: timeZone) else { throw OtklikError.invalid(name, "\(name) must be a date YYYY-MM-DD or an ISO-8601 time") }
            return date
        }
        return (try parse("from"), try parse("to"))
    }
}

enum MysteryScoreDefinition {
    static var text: String { OtklikMetrics.MysteryScore.definition }
}

/// The scores answer: a definition, the dimension and the rows.
enum ScoresJSONValue: Encodable {
    case string(String)
    case rows([MysteryScoreBuilder.Row])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .rows(let value): try container.encode(value)
        }
    }
}
