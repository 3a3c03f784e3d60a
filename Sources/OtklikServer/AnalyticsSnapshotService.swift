import Logging
import NIOPosix
import OtklikApplication
import OtklikStore
import ServiceLifecycle

/// Keeps the analytics engine's snapshot (``AnalyticsSnapshotFile``) close to the engine, so that the next start reads
/// one file and only the facts written since: written once after start when the engine was loaded from the database (or
/// from a snapshot followed by many facts), then every `interval` while the engine moved on, and at shutdown. The file
/// is written on a thread of NIO's pool from a copy of the tables; appends that arrive meanwhile copy the columns they
/// touch, so memory grows by up to the engine's size for the seconds a write takes.
struct AnalyticsSnapshotService: Service {
    let file: AnalyticsSnapshotFile
    let analytics: Analytics
    let database: AppDatabase
    var interval: Duration = .seconds(1_800)
    /// Facts read after a snapshot at start beyond which a fresh one is written at once.
    var rewriteAfter = 100_000
    let logger: Logger

    func run() async throws {
        var written: Int64?
        // Loaded from a snapshot with few facts after it: that one is good enough until the first interval is over.
        if let loaded = await analytics.loadedFromSnapshot, loaded.facts < rewriteAfter { written = await analytics.position }
        await BackgroundRounds.run(every: interval, lease: nil, logger: logger, failure: "the analytics snapshot could not be written") {
            if await analytics.position != written { written = await write() ?? written }
        }
        // At the stop (after a kill the next start reads the facts after the last snapshot written).
        if await analytics.position != written { _ = await Task { await write() }.value }
    }

    /// Writes the snapshot; the position it holds, or nil when nothing was written.
    private func write() async -> Int64? {
        let started = ContinuousClock.now
        do {
            guard let done = try await file.write(analytics, database: database, run: { work in
                try await NIOThreadPool.singleton.runIfActive { try work() }
            }) else { return nil }
            logger.info(
                "analytics snapshot written",
                metadata: ["snapshot": "\(file.url.path)", "feed_position": "\(done.position)", "bytes": "\(done.bytes)",
                           "elapsed": "\(ContinuousClock.now - started)"])
            return done.position
        } catch {
            logger.warning("the analytics snapshot could not be written", metadata: ["snapshot": "\(file.url.path)", "error": "\(error)"])
            return nil
        }
    }
}
