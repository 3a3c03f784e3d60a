import Synchronization

/// At most one nudge on its way to a consumer: a writer's nudge starts a task only when none has started and not yet
/// delivered, so a stream of POSTs (each nudging up to three consumers) does not start a task per POST and consumer.
/// The task clears the flag before it delivers, so a nudge that found the flag set is covered by a delivery made after
/// it: every commit made before a nudge is still covered by a consumer run that starts after that nudge.
final class PendingNudge: Sendable {
    private let pending = Atomic<Bool>(false)

    /// Runs `deliver` in a new task, unless a task started by an earlier call has not yet begun to deliver.
    func send(_ deliver: @escaping @Sendable () async -> Void) {
        guard !pending.exchange(true, ordering: .acquiringAndReleasing) else { return }
        Task {
            pending.store(false, ordering: .sequentiallyConsistent)
            await deliver()
        }
    }
}
