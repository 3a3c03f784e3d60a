import Foundation

/// How a scan may run: its limits and its threads. The defaults suit a server; tests vary them to
/// reach every path (hash-map grouping, several threads on small tables).
public struct ScanOptions: Sendable, Equatable {
    /// Group into a flat array when the key space has at most this many cells, else into a hash map.
    public var denseLimit: Int
    /// Threads a scan may use.
    public var parallelism: Int
    /// A thread is started only for at least this many rows (below it a second thread costs more than it saves: a
    /// part of 100,000 rows takes 0.1-1 ms, starting a thread tens of microseconds).
    public var rowsPerThread: Int

    public init(denseLimit: Int = 250_000, parallelism: Int = ProcessInfo.processInfo.activeProcessorCount, rowsPerThread: Int = 100_000) {
        self.denseLimit = denseLimit
        self.parallelism = max(1, parallelism)
        self.rowsPerThread = max(1, rowsPerThread)
    }

    public static var `default`: ScanOptions { ScanOptions() }
}
