import Foundation
import Logging
import OtklikCore
import Testing

@testable import OtklikServer

/// Issue 15 item 16: restarting `serve --demo` keeps one live demo API key and keeps everyone signed in.
@Suite struct DemoRestartTests {
    @Test func aRestartRotatesTheDemoKeyAndKeepsSessions() async throws {
        let test = try await TestApp.make()
        defer { try? FileManager.default.removeItem(at: test.directory) }
        try await test.app.database.reference.save(Staff(code: DemoCatalogue.weakLocationManager, name: "Менеджер", location: "L01"))
        let first = DemoSeeder(app: test.app)
        _ = try await first.resetDemoUser()
        let firstKey = try await first.rotateDemoKey()
        let session = try await test.app.database.access.createSession(username: DemoSeeder.demoUser, lifetime: .seconds(3600))
        try await test.app.database.close()

        // The restart: the same database opened again, the demo start run again.
        var logger = Logger(label: "otklik-test")
        logger.logLevel = .warning
        let configuration = AppConfiguration(databaseURL: "sqlite:\(test.directory.path)/test.sqlite", port: 0, minimumN: 2)
        let reopened = try await OtklikApp.open(configuration, logger: logger, hasher: PasswordHasher(cost: 4))
        let second = DemoSeeder(app: reopened)
        _ = try await second.resetDemoUser()
        let secondKey = try await second.rotateDemoKey()

        #expect(try await reopened.database.access.sessionUser(token: session)?.username == DemoSeeder.demoUser)
        let liveDemoKeys = try await reopened.database.access.apiKeys().filter { $0.name == DemoSeeder.demoKeyName && $0.revokedAt == nil }
        #expect(liveDemoKeys.count == 1)
        #expect(try await reopened.database.access.verifyApiKey(firstKey) == nil)
        #expect(try await reopened.database.access.verifyApiKey(secondKey) != nil)
        // A password set by hand still signs the user out everywhere.
        try await reopened.database.access.setPassword(username: DemoSeeder.demoUser, passwordHash: "$2b$x")
        #expect(try await reopened.database.access.sessionUser(token: session) == nil)
        try await reopened.database.close()
    }
}
