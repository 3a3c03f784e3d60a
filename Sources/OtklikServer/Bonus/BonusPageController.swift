import Foundation
import Hummingbird
import OtklikCore
import OtklikMetrics
import OtklikStore

/// `/bonus`: each staff member's representative figures of a period (default the last 90 days) with the formula
/// applied, the formula's form (admins and managers), and the payroll export (`/bonus/export.csv`). `/my-results`: the
/// signed-in staff member's own figures and praise (an admin or manager may look at anyone's with `?staff=CODE`).
struct BonusPageController {
    let bonus: any BonusRepository
    let reference: any ReferenceRepository
    let pages: PageRenderer
    /// The last day (UTC) a survey invitation was made, at a scoped reader's locations: bonuses come from survey answers,
    /// so the default period ends there (``DataEndPeriod``).
    var lastData: KPIPagesController.LastData? = nil

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("bonus", use: page)
        group.post("bonus/formula", use: saveFormula)
        group.get("bonus/export.csv", use: export)
        group.get("bonus/export.xlsx", use: exportXLSX)
        group.get("my-results", use: myResults)
    }

    static func one(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "—" }

    static func figure(_ figure: StaffBonusFigure.Figure?, n: Int, minimumN: Int, text: [String: String]) -> BonusFigure {
        guard let figure else {
            return BonusFigure(
                value: "—", detail: (text["bonus_below_n"] ?? "n = %n < %m").replacingOccurrences(of: "%n", with: String(n))
                    .replacingOccurrences(of: "%m", with: String(minimumN)))
        }
        let interval = figure.interval.map { "\(one($0.low))…\(one($0.high))" } ?? "—"
        return BonusFigure(value: one(figure.value), detail: "n = \(figure.n), 95 %: \(interval)")
    }

    static func tiersText(_ formula: BonusFormula) -> String {
        formula.tiers.map { "\(one($0.threshold)): \(one($0.bonusPercent))" }.joined(separator: "\n")
    }

    /// The page's period (`from`, `to` as the bonus API reads them, UTC days); none asked for, the 90 days to the last
    /// invitation's day when it is before today (``DataEndPeriod``), with the page's sentence saying so.
    func period(_ request: Request, scope: Set<String>?, text: [String: String] = [:]) async throws -> (ReportPeriod, String?) {
        var query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { _, last in last })
        let today = LocalCalendar.day(of: Date(), in: TimeZone(identifier: "UTC")!)
        let last = DataEndPeriod.asked(query) ? nil : try await lastData?(scope)
        let dataEnd = DataEndPeriod.applyInclusive(&query, last: last, today: today, text: text)
        let period = try ReportPeriod.parse(from: query["from"], to: query["to"], defaultDays: BonusController.defaultDays, now: Date())
        return (period, dataEnd)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await render(request, context: context, error: nil)
    }

    func render(_ request: Request, context: AppRequestContext, error: OtklikError?) async throws -> Response {
        let (_, text) = pages.text(for: request)
        let (period, dataEnd) = try await period(request, scope: context.accessScope.locationCodes, text: text)
        let formula = try await bonus.formula()
        let names = try await ReferenceNames.load(reference)
        let figures = try await BonusController.visible(
            try await bonus.figures(from: period.from, to: period.to, formula: formula), reference: reference, scope: context.accessScope)
        let rows = figures.map { Self.row($0, name: names.name(.staff, $0.staff, text: text), formula: formula, text: text) }
        let days = period.dayStrings
        var model = BonusPage(
            rows: rows, hasRows: !rows.isEmpty, from: days.from, to: days.to, minimumN: formula.minimumN,
            npsWeight: Self.one(formula.npsWeight), csatWeight: Self.one(formula.csatWeight), tiersText: Self.tiersText(formula),
            tiers: formula.tiers.map { BonusPage.Tier(threshold: Self.one($0.threshold), bonus: Self.one($0.bonusPercent)) },
            canEdit: context.permits(.changeConfiguration),
            exportHref: "/bonus/export.csv?from=\(days.from)&to=\(days.to)",
            exportXLSXHref: "/bonus/export.xlsx?from=\(days.from)&to=\(days.to)",
            error: error?.message)
        model.dataEnd = dataEnd
        return pages.render("bonus", page: model, titleKey: "bonus_title", request: request, context: context,
                            status: error == nil ? .ok : .unprocessableContent)
    }

    /// A staff member's figures and bonus as a row.
    static func row(_ item: StaffBonusFigure, name: String, formula: BonusFormula, text: [String: String]) -> StaffBonusRow {
        StaffBonusRow(
            staff: name, code: item.staff, invited: item.outcomes.total,
            respondents: item.outcomes.completed + item.outcomes.partial,
            rate: item.responseRate.map { String(format: "%.0f %%", 100 * $0) } ?? "—",
            nps: figure(item.nps, n: item.npsN, minimumN: formula.minimumN, text: text),
            csat: figure(item.csatPercent, n: item.csatN, minimumN: formula.minimumN, text: text),
            score: one(item.score), bonus: item.bonusPercent.map { "\(one($0)) %" } ?? "—")
    }

    struct FormJSON: Decodable {
        var minimumN: String?
        var npsWeight: String?
        var csatWeight: String?
        var tiers: String?

        enum CodingKeys: String, CodingKey { case minimumN = "minimum_n", npsWeight = "nps_weight", csatWeight = "csat_weight", tiers }

        static func number(_ text: String?, field: String) throws(OtklikError) -> Double {
            guard let value = Double((text ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")) else {
                throw .invalid(field, "\(field) is a number")
            }
            return value
        }

        /// One tier a line: `threshold: bonus percent`.
        func formula() throws(OtklikError) -> BonusFormula {
            guard let minimumN = Int((minimumN ?? "").trimmingCharacters(in: .whitespaces)) else { throw .invalid("minimum_n", "minimum_n is a whole number") }
            var result: [BonusFormula.Tier] = []
            for (index, line) in (tiers ?? "").split(whereSeparator: \.isNewline).enumerated() {
                let parts = line.split(separator: ":").map { String($0) }
                guard parts.count == 2 else { throw .invalid("tiers[\(index)]", "one tier a line: threshold: bonus percent") }
                result.append(BonusFormula.Tier(
                    threshold: try Self.number(parts[0], field: "tiers[\(index)].threshold"), bonusPercent: try Self.number(parts[1], field: "tiers[\(index)].bonus_percent")))
            }
            return BonusFormula(
                minimumN: minimumN, npsWeight: try Self.number(npsWeight, field: "nps_weight"), csatWeight: try Self.number(csatWeight, field: "csat_weight"),
                tiers: result)
        }
    }

    @Sendable func saveFormula(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = context.user, user.role != .viewer else { throw OtklikError(.forbidden, "viewers cannot change the bonus formula") }
        let body = try await request.body.collect(upTo: 64 * 1024)
        let form = try URLEncodedFormDecoder().decode(FormJSON.self, from: String(buffer: body))
        do {
            try await bonus.saveFormula(try form.formula(), by: user.username, now: Date())
        } catch let error as OtklikError where error.code == .invalidInput {
            return try await render(request, context: context, error: error)
        }
        return Response(status: .seeOther, headers: [.location: "/bonus"])
    }

    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await BonusController.csvResponse(bonus: bonus, reference: reference, period: try await period(request, scope: context.accessScope.locationCodes).0, scope: context.accessScope)
    }

    @Sendable func exportXLSX(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await BonusController.csvResponse(bonus: bonus, reference: reference, period: try await period(request, scope: context.accessScope.locationCodes).0, format: .xlsx, scope: context.accessScope)
    }

    @Sendable func myResults(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, text) = pages.text(for: request)
        var code = context.user?.staff
        if let asked = request.uri.queryParameters.get("staff"), !asked.isEmpty, asked != code {
            guard context.user.map({ $0.role != .viewer }) ?? false else { throw OtklikError(.forbidden, "only managers see other staff members' results") }
            try Identifier.validate(asked, field: "staff")
            code = asked
        }
        let (period, dataEnd) = try await period(request, scope: context.accessScope.locationCodes, text: text)
        let days = period.dayStrings
        var model = MyResultsPage(from: days.from, to: days.to)
        model.dataEnd = dataEnd
        if let code {
            // A user limited to some locations sees their own results and those of the staff at their locations.
            guard let member = try await reference.staff().first(where: { $0.code == code }),
                  code == context.user?.staff || context.accessScope.allows(location: member.location) else {
                throw OtklikError(.notFound, "no staff member '\(code)'", field: "staff")
            }
            let names = try await ReferenceNames.load(reference)
            let formula = try await bonus.formula()
            let name = names.name(.staff, code, text: text)
            model.staff = name
            model.code = code
            model.minimumN = formula.minimumN
            if let item = try await bonus.figures(from: period.from, to: period.to, formula: formula).first(where: { $0.staff == code }) {
                model.figure = Self.row(item, name: name, formula: formula, text: text)
            }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = "dd.MM.yyyy"
            // Praise is feedback: a user limited to some locations reads that left there only.
            let praise = try await bonus.praise(staff: code, from: period.from, to: period.to, limit: 30, locations: context.accessScope.locationCodes)
            model.praise = praise.map { MyResultsPage.Praise(comment: $0.comment, at: formatter.string(from: $0.at), namesThem: $0.namesThem) }
            model.hasPraise = !praise.isEmpty
        }
        return pages.render("my-results", page: model, titleKey: "my_results_title", request: request, context: context)
    }
}
