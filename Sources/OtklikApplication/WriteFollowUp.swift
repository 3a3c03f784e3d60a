import Foundation

/// What a write does, before it answers, about the work that follows from it in the change feed's durable consumers
/// (text analysis, case opening, red-press alerts).
public enum WriteFollowUp: Sendable, Equatable {
    /// Answer at the commit and start the consumers without waiting for them: they do the work within milliseconds
    /// (servers, by default).
    case answerAtCommit
    /// Wait for the consumers at most this long (tests that read derived work at once; the command-line import).
    /// A failure or a crash while waiting leaves the work to the consumers' next round, never an error after a
    /// durable commit.
    case waitAtMost(Duration)

    /// `OTKLIK_CASE_WAIT_SECONDS`: 0 answers at the commit, anything else waits at most that many seconds.
    public static func seconds(_ seconds: Int) -> WriteFollowUp {
        seconds > 0 ? .waitAtMost(.seconds(seconds)) : .answerAtCommit
    }

    /// Starts (or waits for) the consumers a write calls for, all at once.
    public func apply(to consumers: [any WriteFollowingConsumer]) async {
        switch self {
        case .answerAtCommit:
            for consumer in consumers { consumer.nudge() }
        case .waitAtMost(let limit):
            await withTaskGroup(of: Void.self) { group in
                for consumer in consumers { group.addTask { await consumer.catchUpAfterWrite(within: limit) } }
            }
        }
    }
}

/// A durable consumer a writer can start after its commit: at once without waiting, or waiting a bounded time.
public protocol WriteFollowingConsumer: Sendable {
    /// Starts the work of every event written before this call without waiting for it.
    func nudge()
    /// Does the work of every event written before this call, waiting for it at most `limit`.
    func catchUpAfterWrite(within limit: Duration) async
}

extension DurableFeedConsumer: WriteFollowingConsumer {}
extension TextAnalysisConsumer: WriteFollowingConsumer {}
