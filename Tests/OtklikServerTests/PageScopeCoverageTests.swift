import Foundation
import Hummingbird
import OtklikCore
@testable import OtklikServer
import Testing

/// Issue 21 item 3 for the pages, as `APIContractTests.noOperationAnswersAScopedKeyABareRefusal` is for the API: every
/// route of the server's router behind the sign-in answers a user limited to regions or locations either filtered
/// (``RoutePermissions/scopedRoutes``) or refused with a reason (``RoutePermissions/organisationOnly``), never the bare
/// 403 "not yet available". The routes without a sign-in (the public forms, kiosks, displays, status links, static files)
/// are named below; a route added to them must be named here too, so a new signed-in page cannot slip by.
@Suite struct PageScopeCoverageTests {
    static let publicPrefixes = [
        "/login", "/logout", "/health", "/metrics", "/openapi.yaml", "/static/", "/kiosk/", "/q/", "/s/", "/r/", "/status/", "/request-status/",
        "/voice",
        "/pulse/", "/public/", "/device/", "/display/",
    ]

    @Test func everySignedInPageFiltersOrSaysWhy() async throws {
        let test = try await TestApp.make(minimumN: 1)
        do {
            let router = try await test.app.buildRouter()
            var bare: [String] = []
            var counted = 0
            for route in router.routes {
                let path = "/" + route.path.description.split(separator: "/").joined(separator: "/")
                if path.hasPrefix("/api/") || Self.publicPrefixes.contains(where: { path == $0 || path.hasPrefix($0) }) { continue }
                let table = RoutePermissions.pages
                // The users page is the administrator's (manage_access): a role question before a scope one.
                if table.required(method: route.method, path: path) == .manageAccess { continue }
                counted += 1
                if table.appliesScope(method: route.method, path: path) || table.organisationOnlyReason(method: route.method, path: path) != nil { continue }
                bare.append("\(route.method) \(path)")
            }
            #expect(counted >= 80, "\(counted) signed-in page routes")
            #expect(bare.isEmpty, "pages a scoped user gets a bare 403 on: \(bare.sorted())")
            try await test.close()
        } catch {
            try? await test.close()
            throw error
        }
    }
}
