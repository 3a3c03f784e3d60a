import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// `/api/v1/devices` (admin, API key): register devices, issue and revoke their tokens, see when each last
/// delivered and how far its clock was off. `/api/v1/reasons`: the reasons the forms offer.
struct DeviceAdminController {
    let devices: any DeviceRepository
    let reasons: any ReasonRepository

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("devices", use: list)
        group.post("devices", use: register)
        group.post("devices/{code}/token", use: issueToken)
        group.post("devices/{code}/revoke", use: revoke)
        group.get("reasons", use: listReasons)
        group.put("reasons", use: replaceReasons)
    }

    struct DeviceJSON: Codable {
        var code: String
        var kind: String
        var location: String
        var staff: String?
        var epoch: Int?
        var createdAt: Date?
        var lastSeenAt: Date?
        var lastSkewSeconds: Double?
        var revokedAt: Date?

        enum CodingKeys: String, CodingKey {
            case code, kind, location, staff, epoch, createdAt = "created_at", lastSeenAt = "last_seen_at"
            case lastSkewSeconds = "last_clock_skew_s", revokedAt = "revoked_at"
        }

        init(_ registered: RegisteredDevice) {
            code = registered.device.code
            kind = registered.device.kind.rawValue
            location = registered.device.location
            staff = registered.device.staff
            epoch = registered.epoch
            createdAt = registered.createdAt
            lastSeenAt = registered.lastSeenAt
            lastSkewSeconds = registered.lastSkewSeconds
            revokedAt = registered.revokedAt
        }
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(.ok, ["items": try await devices.devices().map(DeviceJSON.init)])
    }

    @Sendable func register(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(DeviceJSON.self, from: request, context: context)
        guard let kind = Device.Kind(rawValue: body.kind) else {
            throw OtklikError.invalid("kind", "kind must be one of \(Device.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let token = try await devices.register(Device(code: body.code, kind: kind, location: body.location, staff: body.staff))
        return JSONResponse.make(.created, ["code": body.code, "token": token])
    }

    @Sendable func issueToken(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        let reset = request.uri.queryParameters["reset_sequence"].map { $0 == "true" || $0 == "1" } ?? false
        let token = try await devices.issueToken(code: code, resetSequence: reset)
        return JSONResponse.make(.ok, ["code": code, "token": token])
    }

    @Sendable func revoke(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await devices.revoke(code: try context.parameters.require("code"))
        return Response(status: .noContent)
    }

    @Sendable func listReasons(_ request: Request, context: AppRequestContext) async throws -> Response {
        JSONResponse.make(.ok, ["items": try await reasons.reasons()])
    }

    @Sendable func replaceReasons(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(ItemBatch<Reason>.self, from: request, context: context)
        try await reasons.replaceAll(body.items)
        return JSONResponse.make(.ok, ["items": try await reasons.reasons()])
    }
}
