import Foundation
import Hummingbird
import OtklikCore
import OtklikMetrics
import OtklikStore

/// `/mystery`: the plan of visits and calls, the scores per location, staff member and item, and the weeks on one time
/// axis beside compliance and CSAT; `/mystery/visits/{id}`: the shopper's form, which keeps working offline (answers wait
/// in the phone's storage and are sent once the network is back; a resend is stored once).
struct MysteryPagesController {
    let repository: any MysteryShoppingRepository
    let scores: MysteryScoreBuilder
    let reference: any ReferenceRepository
    let pages: PageRenderer
    let timeZone: TimeZone
    /// How far back the page looks.
    static let weeks = 12

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("mystery", use: overview)
        group.get("mystery/visits/{id}", use: form)
        group.post("mystery/results", use: report)
    }

    func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = timeZone
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }

    static func figure(_ value: MetricValue, text: [String: String]) -> [String: Any] {
        guard let mean = value.value else { return ["value": "—", "ci": value.n > 0 ? (text["mystery_too_few"] ?? "") : "", "n": value.n] }
        let ci = value.ciLow.flatMap { low in value.ciHigh.map { String(format: "[%.1f; %.1f]", low, $0) } } ?? ""
        return ["value": String(format: "%.1f", mean), "ci": ci, "n": value.n]
    }

    @Sendable func overview(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = pages.localizer.language(for: request)
        let text = pages.localizer.table(language)
        let names = try await ReferenceNames.load(reference)
        let now = Date()
        let from = now.addingTimeInterval(-Double(Self.weeks) * 7 * 86_400)
        let checklists = try await repository.checklists()
        let itemNames = Dictionary(checklists.flatMap { list in list.items.map { ($0.code, $0.text) } }, uniquingKeysWith: { first, _ in first })
        let plan: [[String: Any]] = try await repository.visits(from: from, to: nil).map { visit, reported in
            [
                "id": visit.id, "href": "/mystery/visits/\(visit.id)", "location": names.name(.location, visit.location),
                "channel": text["mystery_channel_\(visit.channel.rawValue)"] ?? visit.channel.rawValue,
                "period": "\(day(visit.from)) – \(day(visit.to.addingTimeInterval(-1)))",
                "status": reported ? (text["mystery_reported"] ?? "") : (text["mystery_planned"] ?? ""), "reported": reported,
            ]
        }
        func rows(_ dimension: MysteryScoreBuilder.Dimension, _ label: (String) -> String) async throws -> [[String: Any]] {
            try await scores.scores(by: dimension, from: from, to: nil).map { row in
                ["key": row.key, "label": label(row.key)].merging(Self.figure(row.score, text: text)) { first, _ in first }
            }
        }
        let byLocation = try await rows(.location) { names.name(.location, $0) }
        let byStaff = try await rows(.staff) { names.name(.staff, $0) }
        let byItem = try await rows(.item) { itemNames[$0] ?? $0 }
        let timeline: [[String: Any]] = try await scores.timeline(from: from, to: now).map { week in
            ["week": week.week, "mystery": Self.figure(week.mystery, text: text), "compliance": Self.figure(week.compliance, text: text),
             "csat": Self.figure(week.csat, text: text)]
        }
        let page: [String: Any] = [
            "plan": plan, "hasPlan": !plan.isEmpty, "byLocation": byLocation, "byStaff": byStaff, "byItem": byItem,
            "hasScores": !byLocation.isEmpty, "timeline": timeline, "hasTimeline": !timeline.isEmpty, "weeks": Self.weeks,
            "checklists": checklists.map { ["code": $0.code, "title": $0.title, "items": $0.items.count] }, "hasChecklists": !checklists.isEmpty,
        ]
        return pages.render("mystery", page: page, title: text["mystery"] ?? "Mystery shopping", request: request, context: context)
    }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = pages.localizer.language(for: request)
        let text = pages.localizer.table(language)
        let id = try context.parameters.require("id")
        guard let visit = try await repository.visit(id: id), let checklist = try await repository.checklist(code: visit.checklist) else {
            throw OtklikError(.notFound, "no planned visit '\(id)'", field: "id")
        }
        let names = try await ReferenceNames.load(reference)
        let staff = try await reference.staff().filter { $0.location == visit.location }
        let items: [[String: Any]] = checklist.items.enumerated().map { index, item in
            let top = item.maxScore ?? 5
            return [
                "index": index, "code": item.code, "text": item.text, "weight": String(format: "%g", item.weight),
                "yesNo": item.kind == .yesNo, "phrase": item.requiredPhrase ?? "", "hasPhrase": item.requiredPhrase != nil, "photo": item.photo,
                "points": (0...top).map { ["value": $0, "id": "a\(index)-\($0)"] },
            ]
        }
        let page: [String: Any] = [
            "id": visit.id, "title": checklist.title, "location": names.name(.location, visit.location), "locationCode": visit.location,
            "channel": text["mystery_channel_\(visit.channel.rawValue)"] ?? visit.channel.rawValue,
            "period": "\(day(visit.from)) – \(day(visit.to.addingTimeInterval(-1)))", "items": items,
            "staff": staff.map { ["code": $0.code, "label": $0.name] }, "hasStaff": !staff.isEmpty,
        ]
        return pages.render("mystery-form", page: page, title: "\(text["mystery_form"] ?? "Mystery shopping") \(visit.id)", request: request, context: context)
    }

    /// The offline form's upload: JSON with the session and its anti-forgery token in a header; the shopper is the
    /// signed-in user. 201 stored, 200 already stored (a resend from the queue).
    @Sendable func report(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = context.user else { throw OtklikError(.unauthorized, "sign in first") }
        var input = try await JSONBody.decode(MysteryResultInput.self, from: request, context: context)
        input.shopper = user.username
        let (stored, score) = try await repository.report(try input.result(shopper: user.username), now: Date())
        return JSONResponse.make(stored ? .created : .ok, MysteryController.ReportJSON(visit: input.visit, stored: stored, score: score))
    }
}
