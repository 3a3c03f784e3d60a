import Foundation
import Logging
import OtklikMetrics
import OtklikStore

/// The analytics engine's snapshot beside the store (``EngineSnapshot``): the feedback, contact, service-request and agent-state tables as of a
/// change-feed position, read at start instead of every row through SQL when its stamp still describes the store, and
/// rewritten while the server runs (`AnalyticsSnapshotService`). The facts written after its position are read from
/// the store as the feed has them.
public struct AnalyticsSnapshotFile: Sendable {
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    /// The snapshot file of an SQLite store: `<file>.analytics` beside it; nil for PostgreSQL and in-memory stores
    /// (where no file is beside the store: give a path with `otklik.analytics.snapshot`).
    public static func beside(databaseURL: String) -> AnalyticsSnapshotFile? {
        // As `AppDatabase.open` reads it: `sqlite:PATH` or a bare path.
        let path = databaseURL.hasPrefix("sqlite:") ? String(databaseURL.dropFirst("sqlite:".count)) : databaseURL
        guard !path.isEmpty, !path.contains("://"), !path.hasPrefix(":memory:") else { return nil }
        return AnalyticsSnapshotFile(url: URL(fileURLWithPath: path + ".analytics"))
    }

    /// What the store says of `position` now: nil when the feed no longer holds that event.
    static func stamp(of database: AppDatabase, at position: Int64, timeZone: TimeZone) async throws -> EngineSnapshot.Stamp? {
        guard position > 0, let event = try await database.feed.fingerprint(at: position) else { return nil }
        return EngineSnapshot.Stamp(
            position: position, event: event, migrations: try await database.feed.factMigrationsFingerprint(), timeZone: timeZone.identifier)
    }

    /// The snapshot, when there is one and it describes this store: its event still at its position (no later than the
    /// head), the same migrations, the same time zone. Otherwise nil, with the reason in the log; the engine is then
    /// loaded from the store.
    func readIfCurrent(database: AppDatabase, timeZone: TimeZone, head: Int64, logger: Logger) async -> EngineSnapshot? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            let stamp = try EngineSnapshot.stamp(at: url)
            let now = stamp.position <= head ? try await Self.stamp(of: database, at: stamp.position, timeZone: timeZone) : nil
            guard now == stamp else {
                logger.notice(
                    "the analytics snapshot does not describe this database; loading from the database",
                    metadata: ["snapshot": "\(url.path)", "position": "\(stamp.position)", "head": "\(head)"])
                return nil
            }
            return try EngineSnapshot.read(from: url)
        } catch {
            logger.warning(
                "the analytics snapshot could not be read; loading from the database",
                metadata: ["snapshot": "\(url.path)", "error": "\(error)"])
            return nil
        }
    }

    /// Writes the engine's tables as of the position they hold; nil when there is nothing to stamp them with (an empty
    /// feed, or the event already pruned). `run` does the writing (a thread pool in the server).
    public func write(
        _ analytics: Analytics, database: AppDatabase,
        run: @Sendable (@escaping @Sendable () throws -> Int) async throws -> Int = { try $0() }
    ) async throws -> (position: Int64, bytes: Int)? {
        let state = await analytics.snapshotState()
        guard let stamp = try await Self.stamp(of: database, at: state.position, timeZone: analytics.timeZone) else { return nil }
        let snapshot = EngineSnapshot(stamp: stamp, feedback: state.feedback, calls: state.calls, requests: state.requests, agentStates: state.agentStates)
        let url = url
        let bytes = try await run { try snapshot.write(to: url) }
        return (state.position, bytes)
    }
}
