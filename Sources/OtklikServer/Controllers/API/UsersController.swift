import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore
import OtklikStore

/// `/api/v1/users` for administrators (`manage_access`, ``RoutePermissions/api``): `GET` lists every dashboard user
/// with role, scope, linked staff member and last sign-in (never a password hash); `PUT users/{name}/role` with
/// `{"role": "location_manager", "locations": ["L01"]}` changes role and scope together as `otklik user role` and
/// `/admin/users` do (``RoleAssignment``, ``UserRoleChange``): refused with the field named and nothing changed, the
/// last administrator kept, each change in the audit log as `role` by `api:KEY`; sending the same again changes nothing.
struct UsersController {
    let access: any AccessRepository
    let audit: SQLAuditLog

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("users", use: list)
        group.put("users/{name}/role", use: setRole)
    }

    struct UserJSON: Encodable {
        struct Scope: Encodable {
            var kind: String
            var codes: [String]
        }

        var username: String
        var role: String
        var scope: Scope
        var staff: String?
        var lastLoginAt: Date?

        enum CodingKeys: String, CodingKey {
            case username, role, scope, staff
            case lastLoginAt = "last_login_at"
        }

        init(_ user: User) {
            username = user.username
            role = user.role.rawValue
            switch user.scope {
            case .organisation: scope = Scope(kind: "organisation", codes: [])
            case .regions(let codes): scope = Scope(kind: "regions", codes: codes.sorted())
            case .locations(let codes): scope = Scope(kind: "locations", codes: codes.sorted())
            }
            staff = user.staff
            lastLoginAt = user.lastLoginAt
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(username, forKey: .username)
            try container.encode(role, forKey: .role)
            try container.encode(scope, forKey: .scope)
            try container.encode(staff, forKey: .staff)
            try container.encode(lastLoginAt, forKey: .lastLoginAt)
        }
    }

    struct RoleJSON: Decodable {
        var role: String?
        var regions: [String]?
        var locations: [String]?
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(.ok, ["items": try await access.users().map(UserJSON.init)])
    }

    @Sendable func setRole(_ request: Request, context: AppRequestContext) async throws -> Response {
        let raw = try context.parameters.require("name")
        let name = raw.removingPercentEncoding ?? raw
        let body = try await JSONBody.decode(RoleJSON.self, from: request, context: context)
        let assignment = try RoleAssignment.read(role: body.role, regions: body.regions ?? [], locations: body.locations ?? [])
        let user = try await UserRoleChange(access: access, audit: audit).apply(assignment, to: name, actor: "api:\(context.apiKey?.name ?? "key")")
        return JSONResponse.make(.ok, UserJSON(user))
    }
}
