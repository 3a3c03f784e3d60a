import OtklikStore
import ServiceLifecycle

/// The rule of every loop that drains the change feed a step at a time: stop before the next step when the task is
/// cancelled or the server is shutting down. Each step's position is stored with its work (or, for the engine, held
/// in memory and saved with its snapshot), so stopping between steps loses nothing: the next round, the next start or
/// another server goes on from there. Without it a server asked to stop right after a ten-million-row import went on
/// draining for minutes.
enum StepLoop {
    static var shouldStop: Bool { Task.isCancelled || Task.isShuttingDownGracefully }

    /// A durable consumer's steps until one reaches the feed's head (`step` returns true) or the server stops. A step
    /// another server took first (``StoreError/consumerMoved(_:)``) is read again from the new position, at most 100
    /// times in a run; any other error ends the run.
    static func follow(
        consumer name: String, isolation: isolated (any Actor)? = #isolation, _ step: () async throws -> Bool
    ) async throws {
        var moved = 0
        while !shouldStop {
            do {
                if try await step() { return }
            } catch StoreError.consumerMoved {
                moved += 1
                if moved > 100 { throw StoreError.consumerMoved(name) }
            }
        }
    }
}
