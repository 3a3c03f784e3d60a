import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore
import OtklikStore

/// `/admin/users` (administrators only, ``RoutePermissions/pages``): every dashboard user with role, scope and last
/// sign-in; `/admin/users/{name}` adds the form that changes the user's role and scope together (CSRF-checked as
/// every form; each change written to the audit log as `role`).
struct UsersAdminController {
    let access: any AccessRepository
    let reference: any ReferenceRepository
    let audit: SQLAuditLog
    let pages: PageRenderer
    let timeZone: TimeZone

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("admin/users", use: list)
        group.get("admin/users/{name}", use: edit)
        group.post("admin/users/{name}", use: change)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await render(request, context: context, editing: nil, draft: nil, error: nil)
    }

    @Sendable func edit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let name = try Self.name(context)
        guard let user = try await access.user(username: name) else { throw OtklikError(.notFound, "no user '\(name)'", field: "username") }
        return try await render(request, context: context, editing: user, draft: nil, error: nil)
    }

    @Sendable func change(_ request: Request, context: AppRequestContext) async throws -> Response {
        let name = try Self.name(context)
        guard let before = try await access.user(username: name) else { throw OtklikError(.notFound, "no user '\(name)'", field: "username") }
        let fields = FormFields(String(buffer: try await request.body.collect(upTo: 64 * 1024)))
        let (_, text) = pages.text(for: request)
        var draft = before
        if let role = fields.first("role").flatMap(Role.init(name:)) { draft.role = role }
        if let scope = try? OrganisationScope.from(regions: fields.all("regions"), locations: fields.all("locations")) { draft.scope = scope }
        do {
            // No region or location ticked is the whole organisation, as on the command line.
            let assignment = try RoleAssignment.read(role: fields.first("role"), regions: fields.all("regions"), locations: fields.all("locations"))
            try await UserRoleChange(access: access, audit: audit).apply(assignment, to: name, actor: "user:\(context.user?.username ?? "-")")
        } catch let error as OtklikError where error.code == .invalidInput {
            let message = Self.message(error, text: text)
            return try await render(request, context: context, editing: draft, draft: draft, error: message)
        }
        let saved = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return Response(status: .seeOther, headers: [.location: "/admin/users?saved=\(saved)"])
    }

    /// A user's form: the name as one path segment (`viewer-1`, `a.b` stay as they are).
    static func href(_ name: String) -> String {
        "/admin/users/" + (name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/", "?", "#", "%"])) ?? name)
    }

    /// The path's user name, percent-decoded.
    static func name(_ context: AppRequestContext) throws -> String {
        let raw = try context.parameters.require("name")
        return raw.removingPercentEncoding ?? raw
    }

    /// The refusal in the reader's language where the field is known (role, regions, locations).
    static func message(_ error: OtklikError, text: [String: String]) -> String {
        switch error.field {
        case "role" where error.message.contains("last administrator"): return (text["users_last_admin"] ?? "") + " (" + error.message + ")"
        case "regions", "locations":
            if error.message.contains("needs") { return text["users_needs_scope"] ?? error.message }
            if error.message.contains("not both") { return text["users_one_level"] ?? error.message }
            return (text["users_unknown_code"] ?? "") + " " + error.message
        default: return error.message
        }
    }

    func render(_ request: Request, context: AppRequestContext, editing: User?, draft: User?, error: String?) async throws -> Response {
        let (_, text) = pages.text(for: request)
        let regions = try await reference.regions()
        let locations = try await reference.locations()
        let regionNames = Dictionary(regions.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        let locationNames = Dictionary(locations.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        func scopeText(_ scope: OrganisationScope) -> String {
            switch scope {
            case .organisation: return text["users_scope_organisation"] ?? "whole organisation"
            case .regions(let codes): return (text["users_scope_regions"] ?? "regions") + ": " + codes.sorted().map { regionNames[$0] ?? $0 }.joined(separator: ", ")
            case .locations(let codes): return (text["users_scope_locations"] ?? "locations") + ": " + codes.sorted().map { locationNames[$0] ?? $0 }.joined(separator: ", ")
            }
        }
        func roleText(_ role: Role) -> String { text["role_\(role.rawValue)"] ?? role.rawValue }
        let rows = try await access.users().map { user in
            UsersPage.Row(
                username: user.username, role: roleText(user.role), scope: scopeText(user.scope),
                lastLogin: user.lastLoginAt.map { PageDate.moment($0, timeZone: timeZone, text: text) } ?? (text["never"] ?? "never"), staff: user.staff,
                editHref: Self.href(user.username),
                editing: user.username == editing?.username)
        }
        var page = UsersPage(rows: rows)
        if let user = draft ?? editing {
            let chosenRegions: Set<String> = if case .regions(let codes) = user.scope { codes } else { [] }
            let chosenLocations: Set<String> = if case .locations(let codes) = user.scope { codes } else { [] }
            page.edit = UsersPage.Edit(
                username: user.username,
                action: Self.href(user.username),
                roles: Role.allCases.map { SelectOption(code: $0.rawValue, label: roleText($0), selected: $0 == user.role) },
                regions: regions.enumerated().map { UsersPage.Choice(id: "region-\($0.offset)", code: $0.element.code, name: $0.element.name, checked: chosenRegions.contains($0.element.code)) },
                locations: locations.enumerated().map {
                    UsersPage.Choice(id: "location-\($0.offset)", code: $0.element.code, name: $0.element.name, checked: chosenLocations.contains($0.element.code))
                },
                hasRegions: !regions.isEmpty, hasLocations: !locations.isEmpty)
        }
        page.saved = request.uri.queryParameters.get("saved").map { String($0) }
        page.error = error
        return pages.render(
            "admin-users", page: page, title: text["users_title"] ?? "Users", request: request, context: context,
            status: error == nil ? .ok : .unprocessableContent)
    }
}
