import Foundation
import Logging
@testable import OtklikApplication
@testable import OtklikServer
import OtklikStore
import ServiceLifecycleTestKit
import Testing

/// A failing durable consumer is retried with back-off: the background loop's rounds skip it for one unit after the first
/// failure (1 s in a server; two units after the second …), while an explicit catch-up still runs at once; a success
/// clears the failure. The test's unit is 5 s: recording the failure in the store can take over a second on two cores
/// shared by a hundred parallel suites (a 1 s unit failed there).
@Suite struct FeedConsumerBackoffTests {
    actor Steps {
        var calls = 0
        var failing = true
        func step() throws -> Bool {
            calls += 1
            if failing { throw CocoaError(.fileReadUnknown) }
            return true
        }
        func heal() { failing = false }
    }

    @Test func roundsBackOffAfterAFailure() async throws {
        let test = try await TestApp.make()
        do {
            let steps = Steps()
            let consumer = DurableFeedConsumer(name: "test-backoff", database: test.app.database, logger: Logger(label: "t"), backoffUnit: .seconds(5)) {
                try await steps.step()
            }
            await #expect(throws: (any Error).self) { try await consumer.round() }
            #expect(await steps.calls == 1)
            try await consumer.round()  // within the back-off: skipped, no error
            try await consumer.round()
            #expect(await steps.calls == 1, "rounds wait for the back-off")
            #expect(try await consumer.status().failing)
            #expect(try await test.app.database.feedConsumers.all().first { $0.name == "test-backoff" }?.lastError != nil, "the failure is in the store")
            try await Task.sleep(for: .milliseconds(5_100))
            await #expect(throws: (any Error).self) { try await consumer.round() }
            #expect(await steps.calls == 2, "retried once the back-off has passed")
            await steps.heal()
            try await consumer.catchUp()  // an explicit catch-up does not wait
            #expect(await steps.calls == 3)
            #expect(try await consumer.status().failing == false)
            try await consumer.round()
            #expect(await steps.calls == 4, "after a success every round runs")
            try await test.close()
        } catch {
            try? await test.close()
            throw error
        }
    }

    /// A server asked to stop does not go on draining: the consumer stops before its next step (each step's position
    /// is stored with its work, so nothing is lost), where a ten-million-row import's events kept it for minutes.
    /// Outside a shutdown the same round drains to the end.
    @Test func aShutdownStopsTheDrainBetweenSteps() async throws {
        let test = try await TestApp.make()
        do {
            actor Counter {
                var calls = 0
                func step() -> Bool {
                    calls += 1
                    return calls % 40 == 0
                }
            }
            let counter = Counter()
            let consumer = DurableFeedConsumer(name: "test-shutdown", database: test.app.database, logger: Logger(label: "t")) {
                await counter.step()
            }
            try await testGracefulShutdown { trigger in
                trigger.triggerGracefulShutdown()
                try await consumer.round()
            }
            #expect(await counter.calls == 0, "no step after the shutdown was asked for")
            try await consumer.round()
            #expect(await counter.calls == 40, "drained to the end")
            try await test.close()
        } catch {
            try? await test.close()
            throw error
        }
    }
}
