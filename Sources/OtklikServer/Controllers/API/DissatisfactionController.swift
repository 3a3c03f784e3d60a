import Foundation
import Hummingbird
import OtklikCore
import OtklikMetrics
import OtklikStore

/// `GET /api/v1/dissatisfaction` (the dissatisfaction model: reasons × location, staff or service, and by month) and
/// `GET /api/v1/compliance` (compliance with the conversation standard beside CSAT and NPS, by week, staff or location).
struct DissatisfactionController {
    let builder: DissatisfactionBuilder
    let compliance: ComplianceBuilder
    let reference: any ReferenceRepository

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("dissatisfaction", use: dissatisfaction)
        group.get("compliance", use: complianceReport)
    }

    static func parameters(_ request: Request) -> [String: String] {
        Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { _, last in last })
    }

    @Sendable func dissatisfaction(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = try DissatisfactionBuilder.Query(query: Self.parameters(request), timeZone: builder.timeZone)
        let (report, taxonomy) = try await builder.build(query, scope: context.accessScope)
        let names = try await ReferenceNames.load(reference)
        let themes = Dictionary(taxonomy.themes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let body = DissatisfactionJSON(
            by: query.by.rawValue, from: LocalCalendar.label(day: query.fromDay), to: LocalCalendar.label(day: query.toDay),
            definition: DissatisfactionBuilder.definition, minimumN: builder.minimumN,
            reasons: report.reasons.map { DissatisfactionJSON.Reason(code: $0, nameRu: themes[$0]?.nameRu ?? $0, nameEn: themes[$0]?.nameEn ?? $0) },
            overall: report.overall,
            groups: report.groups.map { DissatisfactionJSON.NamedGroup(group: $0, name: names.name(query.by, $0.key)) },
            trend: report.trend)
        return JSONResponse.make(.ok, body)
    }

    struct ComplianceJSON: Encodable {
        var by: String
        var from: String
        var to: String
        var definition: String
        var groups: [ComplianceBuilder.Row]
    }

    @Sendable func complianceReport(_ request: Request, context: AppRequestContext) async throws -> Response {
        var parameters = Self.parameters(request)
        let byText = parameters["by"].flatMap { $0.isEmpty ? nil : $0 } ?? "week"
        guard let by = GroupDimension(rawValue: byText), ComplianceBuilder.dimensions.contains(by) else {
            throw OtklikError.invalid("by", "by must be week, staff or location")
        }
        parameters["by"] = nil
        let period = try DissatisfactionBuilder.Query(query: parameters, timeZone: builder.timeZone)
        let rows = try await compliance.build(by: by, fromDay: period.fromDay, toDay: period.toDay, scope: context.accessScope)
        return JSONResponse.make(.ok, ComplianceJSON(
            by: by.rawValue, from: LocalCalendar.label(day: period.fromDay), to: LocalCalendar.label(day: period.toDay),
            definition: ComplianceBuilder.definition, groups: rows))
    }
}
