import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// `/recognition`: a signed-in user linked to a staff member thanks a colleague (CSRF-protected form, idempotent by the
/// form's id) and reads what they received; below, their team's recognitions — the staff at the user's locations for a
/// scoped manager, the staff at their own location for a staff member whose role is `manager` (the location's manager),
/// else the latest across the organisation. Customer praise (positive feedback naming a staff member) appears here
/// for the staff member and their manager.
struct RecognitionPageController {
    let recognitions: any RecognitionRepository
    let reference: any ReferenceRepository
    let pages: PageRenderer

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("recognition", use: page)
        group.post("recognition", use: thank)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await render(request, context: context, draft: [:], thanked: request.uri.queryParameters["thanked"] != nil, error: nil)
    }

    @Sendable func thank(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 * 1024)
        let fields = FormFields(String(buffer: body))
        let draft = ["id": fields.first("id") ?? "", "to": fields.first("to") ?? "", "text": fields.first("text") ?? ""]
        do {
            guard let me = context.principal?.staff else {
                throw OtklikError.invalid("from", "this user is not linked to a staff member, so it cannot thank on anyone's behalf")
            }
            let staff = try await reference.staff()
            if let member = staff.first(where: { $0.code == draft["to"] }), !context.accessScope.allows(location: member.location) {
                throw OtklikError.invalid("to", "unknown staff code '\(draft["to"] ?? "")'")
            }
            _ = try await recognitions.thank(
                Recognition(id: draft["id"] ?? "", kind: .thanks, from: me, to: draft["to"] ?? "", text: draft["text"] ?? "", createdAt: Date()))
        } catch let error as OtklikError where error.code == .invalidInput || error.code == .conflict {
            return try await render(request, context: context, draft: draft, thanked: false, error: error)
        }
        return Response(status: .seeOther, headers: [.location: "/recognition?thanked=1"])
    }

    /// The latest recognitions shown in each list.
    static let shown = 25

    func render(_ request: Request, context: AppRequestContext, draft: [String: String], thanked: Bool, error: OtklikError?) async throws -> Response {
        let (language, text) = pages.text(for: request)
        let scope = context.accessScope
        let staff = try await reference.staff()
        let names = Dictionary(uniqueKeysWithValues: staff.map { ($0.code, $0.name) })
        let me = context.principal?.staff
        let myself = staff.first { $0.code == me }
        let visible = staff.filter { scope.allows(location: $0.location) && $0.leftOn == nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        func item(_ recognition: Recognition) -> RecognitionPage.Item {
            let isPraise = recognition.kind == .customerPraise
            let from = isPraise ? (text["rec_from_customer_\(recognition.basis?.rawValue ?? "nps")"] ?? "") : names[recognition.from ?? ""] ?? recognition.from ?? ""
            return RecognitionPage.Item(
                to: names[recognition.to] ?? recognition.to, toLink: "/staff/\(recognition.to)", from: from, kind: text["rec_kind_\(recognition.kind.rawValue)"] ?? recognition.kind.rawValue,
                isPraise: isPraise, text: recognition.text.isEmpty ? nil : recognition.text, date: formatter.string(from: recognition.createdAt))
        }
        var mine: [Recognition] = []
        if let me { mine = try await recognitions.received(by: [me], limit: Self.shown) }
        var teamStaff: Set<String>?
        var heading = text["rec_team_all"] ?? ""
        if !scope.isOrganisation {
            teamStaff = Set(staff.filter { scope.allows(location: $0.location) }.map(\.code))
            heading = text["rec_team_scope"] ?? ""
        } else if let myself, myself.role == "manager", let location = myself.location {
            teamStaff = Set(staff.filter { $0.location == location }.map(\.code)).subtracting([myself.code])
            heading = text["rec_team_location"] ?? ""
        }
        let team = try await recognitions.received(by: teamStaff, limit: Self.shown + 1).filter { $0.to != me }.prefix(Self.shown)
        let mineItems = mine.map(item)
        let page = RecognitionPage(
            canThank: me != nil,
            colleagues: [SelectOption(code: "", label: "—", selected: (draft["to"] ?? "").isEmpty)]
                + visible.filter { $0.code != me }.map { SelectOption(code: $0.code, label: $0.name, selected: $0.code == draft["to"]) },
            id: (draft["id"] ?? "").isEmpty ? "thx-" + UUID().uuidString.lowercased() : draft["id"]!, draft: draft["text"] ?? "",
            mine: mineItems, hasMine: !mineItems.isEmpty, team: team.map(item), hasTeam: !team.isEmpty, teamHeading: heading,
            linked: me != nil, thanked: thanked, error: error.map { ErrorText.message(code: $0.code.rawValue, field: $0.field, message: $0.message, text: text, language: language) })
        return pages.render(
            "recognition", page: page, titleKey: "rec_title", request: request, context: context, status: error == nil ? .ok : .unprocessableContent)
    }
}
