import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// Which loyalty displays are staff screens. A display becomes one when it carries the token of a device of kind
/// `staff_display` registered at its location — the same device register, hashed tokens and revocation as the button
/// consoles (`otklik device add SCREEN --kind staff_display --location L`, `POST /api/v1/devices`). The browser keeps
/// the token in an HttpOnly cookie set by the pairing page (`/display/LOCATION/pair`); a program may send it as
/// `Authorization: Bearer otd_…` instead.
struct StaffDisplayAccess: Sendable {
    static let cookieName = "otklik_display"
    let devices: any DeviceRepository

    /// The credential a request carries: the bearer token, else the pairing cookie.
    static func credential(_ request: Request) -> String? {
        if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
            let token = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
            return token.isEmpty ? nil : token
        }
        guard let value = request.cookies[cookieName]?.value, !value.isEmpty else { return nil }
        return value
    }

    /// The staff screen `token` pairs at `location`: 401 for an unknown or revoked token, 403 for a device of another
    /// kind or another location.
    func screen(token: String, location: String) async throws -> RegisteredDevice {
        guard let device = try await devices.device(token: token) else {
            throw OtklikError(.unauthorized, "the staff screen's key is unknown or revoked; pair the display again", field: "key")
        }
        guard device.device.kind == .staffDisplay else {
            throw OtklikError(.forbidden, "device '\(device.device.code)' is a \(device.device.kind.rawValue), not a staff_display", field: "key")
        }
        guard device.device.location == location else {
            throw OtklikError(.forbidden, "this key pairs a display at another location", field: "key")
        }
        return device
    }

    /// The staff screen the request's credential pairs at `location`, or nil for a public display (no credential, or
    /// one that no longer pairs this location: a revoked key shows the public display, never an error page).
    func screen(for request: Request, location: String) async throws -> RegisteredDevice? {
        guard let token = Self.credential(request) else { return nil }
        do {
            return try await screen(token: token, location: location)
        } catch let error as OtklikError where error.code == .unauthorized || error.code == .forbidden {
            return nil
        }
    }

    /// The pairing cookie: HttpOnly, same-site only, for a year (revoking the device ends it sooner).
    static func cookie(_ token: String, secure: Bool) -> Cookie {
        Cookie(name: cookieName, value: token, maxAge: 31_536_000, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    static func clearedCookie(secure: Bool) -> Cookie {
        Cookie(name: cookieName, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }
}
