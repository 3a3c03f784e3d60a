import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore
import OtklikText

/// The dissatisfaction model over stored comment analyses: reasons × location, staff member or service, and by month,
/// for a period of local days.
struct DissatisfactionBuilder: Sendable {
    let texts: any TextAnalysisRepository
    let timeZone: TimeZone
    let minimumN: Int

    static let dimensions: [GroupDimension] = [.location, .staff, .service]
    static let definition =
        "Share of a reason = 100·(negative comments mentioning the reason)/(negative comments, n), %, per group and per month; "
        + "negative = the comment's sentiment as analysed on arrival; a comment may mention several reasons; 95 % CI Wilson score"

    /// The query's period and dimension: `by` (default location), `from`/`to` (YYYY-MM-DD, inclusive; default the last 365 days).
    struct Query: Sendable {
        var by: GroupDimension
        var fromDay: Int32
        var toDay: Int32

        init(query: [String: String], timeZone: TimeZone, now: Date = Date()) throws(OtklikError) {
            let byText = query["by"].flatMap { $0.isEmpty ? nil : $0 } ?? "location"
            guard let by = GroupDimension(rawValue: byText), DissatisfactionBuilder.dimensions.contains(by) else {
                throw .invalid("by", "by must be location, staff or service")
            }
            self.by = by
            func day(_ key: String) throws(OtklikError) -> Int32? {
                guard let text = query[key], !text.isEmpty else { return nil }
                guard let value = LocalCalendar.day(parsing: text) else { throw .invalid(key, "\(key) must be a date YYYY-MM-DD") }
                return value
            }
            toDay = try day("to") ?? LocalCalendar.day(of: now, in: timeZone)
            fromDay = try day("from") ?? (toDay - 364)
            guard fromDay <= toDay else { throw .invalid("from", "the period starts after it ends") }
        }
    }

    /// `scope`: the comments left at the scope's locations only (a comment without a location is the organisation's).
    func build(_ query: Query, scope: AccessScope) async throws -> (report: DissatisfactionModel.Report, taxonomy: ThemeTaxonomy) {
        let comments = try await texts.comments(
            from: DashboardFilters.start(of: query.fromDay, in: timeZone), to: DashboardFilters.start(of: query.toDay + 1, in: timeZone),
            label: nil, includeText: false)
        let taxonomy = try await texts.taxonomy().taxonomy
        let items = comments.filter { scope.allows(location: $0.location) }.map { comment -> DissatisfactionModel.Comment in
            let key: String?
            switch query.by {
            case .staff: key = comment.staff
            case .service: key = comment.service
            default: key = comment.location
            }
            let month = String(LocalCalendar.label(day: LocalCalendar.day(of: comment.ts, in: timeZone)).prefix(7))
            return DissatisfactionModel.Comment(key: key, period: month, negative: comment.label == .negative, reasons: comment.themes)
        }
        return (DissatisfactionModel.build(items, reasons: taxonomy.themes.map(\.id), minimumN: minimumN), taxonomy)
    }
}

/// `GET /api/v1/dissatisfaction` as JSON.
struct DissatisfactionJSON: Encodable {
    struct Reason: Encodable {
        var code: String
        var nameRu: String
        var nameEn: String
        enum CodingKeys: String, CodingKey { case code, nameRu = "name_ru", nameEn = "name_en" }
    }

    struct NamedGroup: Encodable {
        var group: DissatisfactionModel.Group
        var name: String?
        enum CodingKeys: String, CodingKey { case name }
        func encode(to encoder: any Encoder) throws {
            try group.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(name, forKey: .name)
        }
    }

    var by: String
    var from: String
    var to: String
    var definition: String
    var minimumN: Int
    var reasons: [Reason]
    var overall: DissatisfactionModel.Group
    var groups: [NamedGroup]
    var trend: [DissatisfactionModel.Group]

    enum CodingKeys: String, CodingKey { case by, from, to, definition, minimumN = "minimum_n", reasons, overall, groups, trend }
}
