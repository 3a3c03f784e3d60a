import Foundation
import Hummingbird
import OtklikCore
import OtklikInterchange
import OtklikMetrics
import OtklikStore

/// `/api/v1/bonus`: each staff member's representative figures of a period (`from`/`to`, default the last 90 days)
/// with the formula applied; `GET|PUT …/formula` the organisation's formula; `GET …/export.csv` the payroll export;
/// `GET …/staff/{code}` one staff member's figures and praise.
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
        let items = try await bonus.figures(from: period.from, to: period.to, formula: formula)
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
        return try await Self.csvResponse(bonus: bonus, reference: reference, period: period)
    }

    @Sendable func exportXLSX(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let period = try ReportPeriod.parse(from: query.get("from"), to: query.get("to"), defaultDays: Self.defaultDays, now: Date())
        return try await Self.csvResponse(bonus: bonus, reference: reference, period: period, format: .xlsx)
    }

    enum ExportFormat: String { case csv, xlsx }

    static func csvResponse(
        bonus: any BonusRepository, reference: any ReferenceRepository, period: ReportPeriod, format: ExportFormat = .csv
    ) async throws -> Response {
        let formula = try await bonus.formula()
        let items = try await bonus.figures(from: period.from, to: period.to, formula: formula)
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
        guard try await reference.staff().contains(where: { $0.code == code }) else { throw OtklikError(.notFound, "no staff member '\(code)'", field: "code") }
        let query = request.uri.queryParameters
        let period = try ReportPeriod.parse(from: query.get("from"), to: query.get("to"), defaultDays: Self.defaultDays, now: Date())
        let formula = try await bonus.formula()
        let figure = try await bonus.figures(from: period.from, to: period.to, formula: formula).first { $0.staff == code }
        let praise = try await bonus.praise(staff: code, from: period.from, to: period.to, limit: 50)
        return JSONResponse.make(.ok, StaffJSON(from: period.from, to: period.to, figure: figure, minimumN: formula.minimumN, praise: praise))
    }
}
