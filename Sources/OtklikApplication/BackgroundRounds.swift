import Foundation
import Logging
import OtklikStore
import ServiceLifecycle

/// The loop every background job runs: a round, then a pause that ends at once when the server shuts
/// down. A failed round is logged and the next one tried. With a lease, a round runs only while this
/// process holds it (renewed before each round, given up at shutdown).
public enum BackgroundRounds {
    public static func run(
        every interval: Duration, lease: ServiceLease?, logger: Logger, failure: Logger.Message, _ round: () async throws -> Void
    ) async {
        // The round's name in the write profile (``WriteProfile``): its failure message without "failed".
        let label = "round: " + "\(failure)".replacingOccurrences(of: " failed", with: "")
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            if await lease?.acquire() ?? true {
                do {
                    try await WriteProfile.$label.withValue(label) { try await round() }
                } catch {
                    logger.error(failure, metadata: ["error": "\(error)"])
                }
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
        // Given up even when the loop ended by cancellation (a cancelled task's database calls would be refused).
        if let lease { await Task { await lease.release() }.value }
    }
}
