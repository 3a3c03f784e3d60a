import Foundation
import Logging
import ServiceLifecycle
import Testing
@testable import OtklikApplication
@testable import OtklikServer

/// Two server processes sharing a database run a background job's rounds in one of them only; when that one
/// stops (and gives up its lease), the other takes over.
@Suite struct BackgroundLeaseTests {
    actor Rounds {
        var count = 0
        func add() { count += 1 }
    }

    /// A job as the server runs it: a service stopped by a graceful shutdown, not by cancellation.
    struct Job: Service {
        let lease: ServiceLease
        let rounds: Rounds
        func run() async throws {
            await BackgroundRounds.run(every: .milliseconds(20), lease: lease, logger: lease.logger, failure: "x") { await rounds.add() }
        }
    }

    static func group(_ job: Job) -> ServiceGroup {
        ServiceGroup(configuration: .init(services: [job], logger: job.lease.logger))
    }

    @Test func oneServerRunsTheJob() async throws {
        let test = try await TestApp.make()
        do {
            let logger = Logger(label: "t")
            let first = ServiceLease(repository: test.app.database.leases, name: "job", holder: "first", interval: .milliseconds(20), logger: logger)
            let second = ServiceLease(repository: test.app.database.leases, name: "job", holder: "second", interval: .milliseconds(20), logger: logger)
            let (a, b) = (Rounds(), Rounds())
            /// Waits (up to 20 s: the machine may be busy) until the condition holds.
            func eventually(_ condition: () async -> Bool) async throws -> Bool {
                for _ in 0..<400 {
                    if await condition() { return true }
                    try await Task.sleep(for: .milliseconds(50))
                }
                return false
            }
            let groupA = Self.group(Job(lease: first, rounds: a))
            let runA = Task { try await groupA.run() }
            #expect(try await eventually { await a.count >= 3 })
            let groupB = Self.group(Job(lease: second, rounds: b))
            let runB = Task { try await groupB.run() }
            let started = await a.count
            #expect(try await eventually { await a.count >= started + 5 })
            #expect(await b.count == 0, "the second server waits while the first holds the lease")
            #expect(try await test.app.database.leases.holder(of: "job")?.holder == "first")
            await groupA.triggerGracefulShutdown()
            try await runA.value  // the first server stops and gives the lease up
            #expect(try await eventually { await b.count >= 3 }, "the second server takes over at once after a release")
            #expect(try await test.app.database.leases.holder(of: "job")?.holder == "second")
            await groupB.triggerGracefulShutdown()
            try await runB.value
            try await test.close()
        } catch {
            try? await test.close()
            throw error
        }
    }
}
