import Foundation
import Logging
import Testing
@testable import OtklikServer

/// Two server processes sharing a database run a background job's rounds in one of them only; when that one
/// stops (and gives up its lease), the other takes over.
@Suite struct BackgroundLeaseTests {
    actor Rounds {
        var count = 0
        func add() { count += 1 }
    }

    @Test func oneServerRunsTheJob() async throws {
        let test = try await TestApp.make()
        do {
            let logger = Logger(label: "t")
            let first = ServiceLease(repository: test.app.database.leases, name: "job", holder: "first", interval: .milliseconds(20), logger: logger)
            let second = ServiceLease(repository: test.app.database.leases, name: "job", holder: "second", interval: .milliseconds(20), logger: logger)
            let (a, b) = (Rounds(), Rounds())
            let runA = Task { await BackgroundRounds.run(every: .milliseconds(20), lease: first, logger: logger, failure: "x") { await a.add() } }
            try await Task.sleep(for: .milliseconds(100))
            let runB = Task { await BackgroundRounds.run(every: .milliseconds(20), lease: second, logger: logger, failure: "x") { await b.add() } }
            try await Task.sleep(for: .milliseconds(300))
            #expect(await a.count >= 3)
            #expect(await b.count == 0, "the second server waits while the first holds the lease")
            runA.cancel()
            await runA.value  // gives the lease up
            try await Task.sleep(for: .milliseconds(300))
            #expect(await b.count >= 3, "the second server takes over at once after a release")
            runB.cancel()
            await runB.value
            try await test.close()
        } catch {
            try? await test.close()
            throw error
        }
    }
}
