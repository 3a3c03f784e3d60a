import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct SystemTests {
    @Test func healthMetricsAndStaticFiles() async throws {
        try await TestApp.withRouter { _, client in
            try await client.execute(uri: "/health", method: .get) {
                #expect($0.status == .ok)
                #expect($0.json["status"] as? String == "ok")
                #expect($0.json["database"] as? String == "sqlite")
            }
            try await client.execute(uri: "/metrics", method: .get) {
                #expect($0.status == .ok)
                #expect($0.headers[.contentType]?.hasPrefix("text/plain") == true)
            }
            try await client.execute(uri: "/static/otklik.css", method: .get) { #expect($0.text.contains(":root")) }
            try await client.execute(uri: "/openapi.yaml", method: .get) { #expect($0.text.hasPrefix("openapi: 3.1.0")) }
            try await client.execute(uri: "/login", method: .get) {
                #expect($0.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
                #expect($0.headers[.xContentTypeOptions] == "nosniff")
            }
        }
    }

    /// Every route of the router is in openapi.yaml with its method, and every documented operation exists.
    @Test func openAPIDocumentMatchesTheRoutes() async throws {
        let test = try await TestApp.make()
        let router = try await test.app.buildRouter()
        try await test.close()
        let served = Set(router.routes.compactMap { route -> String? in
            let path = "/" + route.path.description.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
            let normalised = path == "/" ? "/" : path
            guard ["/api/", "/device/", "/public/"].contains(where: normalised.hasPrefix) || ["/health", "/metrics", "/openapi.yaml"].contains(normalised) else { return nil }
            return "\(route.method.rawValue.lowercased()) \(normalised)"
        })
        let yaml = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/OtklikServer/Resources/openapi.yaml"), encoding: .utf8)
        var documented: Set<String> = []
        var currentPath: String?
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  /"), line.hasSuffix(":") { currentPath = String(line.dropFirst(2).dropLast()) ; continue }
            if !line.hasPrefix("    ") && !line.hasPrefix("  /") && !line.isEmpty && !line.hasPrefix("  ") { currentPath = nil }
            if line.hasPrefix("components:") { currentPath = nil }
            guard let path = currentPath else { continue }
            for method in ["get", "post", "put", "delete", "patch"] where line.hasPrefix("    \(method):") {
                documented.insert("\(method) \(path)")
            }
        }
        #expect(served.subtracting(documented).isEmpty, "routes missing from openapi.yaml: \(served.subtracting(documented).sorted())")
        #expect(documented.subtracting(served).isEmpty, "documented but not served: \(documented.subtracting(served).sorted())")
        #expect(served.count >= 20)
    }
}
