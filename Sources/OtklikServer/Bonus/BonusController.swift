import Foundation
import Hummingbird
import OtklikCore
import OtklikInterchange
import OtklikMetrics
import OtklikStore

/// `/api/v1/bonus`: each staff member's representative figures of a period (`from`/`to`, default the last 90 days)
/// with the formula applied; `GET|PUT …/formula` the organisation's formula; `GET …/export.csv` the payroll export;
/// `GET …/staff/{code}` one staff member's figures and praise. A caller limited to some locations sees the staff whose
/// location is one of theirs (each with their whole figure: a bonus is a person's, measured wherever they served);
/// another staff member is 404.
struct BonusController {
    let bonus: any BonusRepository
    let reference: any ReferenceRepository

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("bonus", use: figures)
        group.get("bonus/formula", use: formula)
        group.put("bonus/formula", use: saveFormula)
        group.get("bonus/export.csv", use: export)
        group.get("bonus/export.xlsx", use: exportXLSX)
        group.get("bonus/staff/{code}", use: staff)
    }

    static let defaultDays = 90

    struct FiguresJSON: Encodable {
        var from: Date
        var to: Date
        var formula: BonusFormula
        var definition: String
        var items: [StaffBonusFigure]
    }

    @Sendable func figures(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let period = try ReportPeriod.parse(from: query.get("from"), to: query.get("to"), defaultDays: Self.defaultDays, now: Date())
        let formula = try await bonus.formula()
        let items = try await Self.visible(try await bonus.figures(from: period.from, to: period.to, formula: formula), reference: reference, scope: context.accessScope)
        return JSONResponse.make(.ok, FiguresJSON(from: period.from, to: period.to, formula: formula, definition: StaffBonusFigure.definition, items: items))
    }

    @Sendable func formula(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(.ok, try await bonus.formula())
    }

    @Sendable func saveFormula(_ request: Request, context: AppRequestContext) async throws -> Response {
        let formula = try await JSONBody.decode(BonusFormula.self, from: request, context: context)
        try await bonus.saveFormula(formula, by: "api", now: Date())
        return JSONResponse.make(.ok, try await bonus.formula())
    }

    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let period = try ReportPeriod.parse(from: query.get("from"), to: query.get("to"), defaultDays: Self.defaultDays, now: Date())
        return try await Self.csvResponse(bonus: bonus, reference: reference, period: period, scope: context.accessScope)
    }

    @Sendable func exportXLSX(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let period = try ReportPeriod.parse(from: query.get("from"), to: query.get("to"), defaultDays: Self.defaultDays, now: Date())
        return try await Self.csvResponse(bonus: bonus, reference: reference, period: period, format: .xlsx, scope: context.accessScope)
    }

    enum ExportFormat: String { case csv, xlsx }

    /// The staff a caller may see: every one for the organisation; for a caller limited to some locations, those whose
    /// location (reference data) is one of theirs. A staff member without a location is the organisation's.
    static func visibleStaff(reference: any ReferenceRepository, scope: AccessScope) async throws -> Set<String>? {
        guard scope.locationCodes != nil else { return nil }
        return Set(try await reference.staff().filter { scope.allows(location: $0.location) }.map(\.code))
    }

    /// `items` narrowed to the staff the caller may see (``visibleStaff(reference:scope:)``).
    static func visible(_ items: [StaffBonusFigure], reference: any ReferenceRepository, scope: AccessScope) async throws -> [StaffBonusFigure] {
        guard let staff = try await visibleStaff(reference: reference, scope: scope) else { return items }
        return items.filter { staff.contains($0.staff) }
    }

    static func csvResponse(
        bonus: any BonusRepository, reference: any ReferenceRepository, period: ReportPeriod, format: ExportFormat = .csv, scope: AccessScope
    ) async throws -> Response {
        let formula = try await bonus.formula()
        let items = try await visible(try await bonus.figures(from: period.from, to: period.to, formula: formula), reference: reference, scope: scope)
        let names = Dictionary(try await reference.staff().map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        let days = period.dayStrings
        let body: ByteBuffer, contentType: String
        switch format {
        case .csv:
            body = ByteBuffer(string: BonusExportCSV.csv(items, names: names, days: period.dayStrings, formula: formula))
            contentType = "text/csv; charset=utf-8"
        case .xlsx:
            body = ByteBuffer(data: try BonusExportCSV.xlsx(items, names: names, days: period.dayStrings, formula: formula))
            contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: contentType,
                .contentDisposition: "attachment; filename=\"bonus-\(days.from)-\(days.to).\(format.rawValue)\"",
                .cacheControl: "no-store",
            ],
            body: .init(byteBuffer: body))
    }

    struct StaffJSON: Encodable {
        var from: Date
        var to: Date
        var figure: StaffBonusFigure?
        var minimumN: Int
        var praise: [Praise]

        enum CodingKeys: String, CodingKey { case from, to, figure, minimumN = "minimum_n", praise }
    }

    @Sendable func staff(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        try Identifier.validate(code, field: "code")
        guard let member = try await reference.staff().first(where: { $0.code == code }), context.accessScope.allows(location: member.location) else {
            throw OtklikError(.notFound, "no staff member '\(code)'", field: "code")
        }
        let query = request.uri.queryParameters
        let period = try ReportPeriod.parse(from: query.get("from"), to: query.get("to"), defaultDays: Self.defaultDays, now: Date())
        let formula = try await bonus.formula()
        let figure = try await bonus.figures(from: period.from, to: period.to, formula: formula).first { $0.staff == code }
        // Praise is feedback: a caller limited to some locations reads that left there only.
        let praise = try await bonus.praise(staff: code, from: period.from, to: period.to, limit: 50, locations: context.accessScope.locationCodes)
        return JSONResponse.make(.ok, StaffJSON(from: period.from, to: period.to, figure: figure, minimumN: formula.minimumN, praise: praise))
    }
}
