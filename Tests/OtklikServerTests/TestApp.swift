import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import OtklikCore
import OtklikServer
import OtklikStore
import OtklikTestSupport

/// An Otklik on a fresh SQLite file with a little reference data, an API key and a dashboard user.
struct TestApp {
    let app: OtklikApp
    let apiKey: String
    let directory: URL
    static let password = "correct horse battery"

    /// - Parameter caseWaitSeconds: how long a write waits for its text analysis, cases and alerts (0: it answers at
    ///   its commit, as servers do by default).
    /// - Parameter analytics: the engine of the feedback metrics (ClickHouseServerTests choose ClickHouse).
    static func make(
        minimumN: Int = 2, port: Int = 0, caseWaitSeconds: Int = 300, analytics: AnalyticsSettings = .embedded,
        smsGateway: TextGatewaySettings? = nil, messengerGateway: TextGatewaySettings? = nil
    ) async throws -> TestApp {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-server-\(UUID().uuidString)")
        // A copy of one migrated database (MigratedTemplate): hundreds of tests do not each run every migration.
        try await MigratedTemplate.shared.copySQLite(to: "\(directory.path)/test.sqlite")
        var configuration = AppConfiguration(databaseURL: "sqlite:\(directory.path)/test.sqlite", port: port, minimumN: minimumN)
        // Hundreds of parallel tests share two cores: a write waits for its cases as long as it takes, so a test reads
        // them right after; servers answer at the commit and leave them to the consumers (WriteFollowUpTests).
        configuration.caseWaitSeconds = caseWaitSeconds
        configuration.analytics = analytics
        configuration.smsGateway = smsGateway
        configuration.messengerGateway = messengerGateway
        var logger = Logger(label: "otklik-test")
        logger.logLevel = .warning
        let app = try await OtklikApp.open(configuration, logger: logger, hasher: PasswordHasher(cost: 4))
        try await app.database.reference.save(Region(code: "R1", name: "Москва"))
        try await app.database.reference.save(Location(code: "L01", name: "Офис на Тверской", region: "R1"))
        try await app.database.reference.save(Location(code: "L02", name: "Office <b>Two</b>", region: "R1"))
        try await app.analytics.setRegion("R1", ofLocation: "L01")
        try await app.analytics.setRegion("R1", ofLocation: "L02")
        try await app.database.reference.save(Staff(code: "S01", name: "Анна <script>alert(1)</script>", location: "L01"))
        try await app.database.reference.save(Service(code: "SV1", name: "Вклад"))
        try await app.database.access.createUser(username: "manager", passwordHash: try await app.hasher.hash(password), role: .manager)
        let (_, key) = try await app.database.access.createApiKey(name: "tests")
        return TestApp(app: app, apiKey: key, directory: directory)
    }

    func close() async throws {
        try await app.database.close()
        try? FileManager.default.removeItem(at: directory)
    }

    var auth: HTTPFields { [.authorization: "Bearer \(apiKey)", .contentType: "application/json"] }

    /// Runs `body` against the router in process, then cleans up.
    /// - Parameter background: whether the server's background services run beside the router (the feed's consumers,
    ///   the dispatchers, the programmes' rounds), as in a server. A test that drives those steps itself at chosen
    ///   times passes false: a round of the server's own, at the real time, would otherwise race with it.
    static func withRouter(
        minimumN: Int = 2, background: Bool = true, _ body: @Sendable (TestApp, any TestClientProtocol) async throws -> Void
    ) async throws {
        let test = try await make(minimumN: minimumN)
        do {
            if background {
                try await test.app.buildApplication().test(.router) { client in try await body(test, client) }
            } else {
                try await Application(router: try await test.app.buildRouter()).test(.router) { client in try await body(test, client) }
            }
            try await test.close()
        } catch {
            try? await test.close()
            throw error
        }
    }
}

extension TestResponse {
    /// The body as a JSON object.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]) ?? [:]
    }

    var text: String { String(buffer: body) }

    var errorField: String? { (json["error"] as? [String: Any])?["field"] as? String }
    var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
}

func jsonBody(_ object: Any) -> ByteBuffer {
    ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: object))
}
