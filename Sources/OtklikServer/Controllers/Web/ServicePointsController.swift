import Foundation
import Hummingbird
import OtklikCore
import OtklikStore

/// `/service-points`: every location's kiosk, QR form, printable QR code and loyalty display, and the
/// button consoles with their last delivery and clock offset; to a scoped user, their locations and those locations'
/// consoles only.
struct ServicePointsController {
    let reference: any ReferenceRepository
    let devices: any DeviceRepository
    let pages: PageRenderer
    let timeZone: TimeZone

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("service-points", use: page)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = pages.localizer.language(for: request)
        let text = pages.localizer.table(language)
        let scope = context.accessScope
        let locations = try await reference.locations().filter { scope.allows(location: $0.code) }.map { location in
            ServicePointsPage.Location(
                code: location.code, name: location.name, kiosk: "/kiosk/\(location.code)", qr: "/q/\(location.code)",
                qrImage: "/q/\(location.code)/qr.svg", display: "/display/\(location.code)")
        }
        let formatter = DateFormatter()
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        let consoles = try await devices.devices().filter { scope.allows(location: $0.device.location) }.map { item in
            ServicePointsPage.Device(
                code: item.device.code, kind: item.device.kind.rawValue, location: item.device.location, staff: item.device.staff ?? "",
                lastSeen: item.lastSeenAt.map(formatter.string(from:)) ?? (text["never"] ?? "never"),
                skew: item.lastSkewSeconds.map { String(format: "%+.0f s", $0) } ?? "", revoked: item.isRevoked)
        }
        return pages.render(
            "service-points", page: ServicePointsPage(locations: locations, devices: consoles, hasDevices: !consoles.isEmpty),
            title: text["service_points"] ?? "Service points", request: request, context: context)
    }
}
