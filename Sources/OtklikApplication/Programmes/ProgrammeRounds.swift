import Foundation
import Logging
import ServiceLifecycle

/// The programmes' round beside the HTTP server.
public struct ProgrammeRounds: Service {
    let runner: ProgrammeRunner
    let interval: Duration
    let lease: ServiceLease?
    let logger: Logger

    public init(runner: ProgrammeRunner, interval: Duration, lease: ServiceLease?, logger: Logger) {
        self.runner = runner
        self.interval = interval
        self.lease = lease
        self.logger = logger
    }

    public func run() async throws {
        await BackgroundRounds.run(every: interval, lease: lease, logger: logger, failure: "programme round failed") {
            for code in try await runner.round() {
                logger.warning("a programme paused itself: its effect is significantly harmful", metadata: ["programme": "\(code)"])
            }
        }
    }
}
