#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// glibc's allocator gives each thread that allocates under contention an arena of its own, up to eight per core, and
/// keeps what each arena freed for reuse: a server with many threads (the event loops, Swift's concurrency pool, the
/// database's queues) grows its resident memory for tens of minutes under a steady load before it levels off (the hour's
/// soak, `scripts/proof-soak`: +10 % with glibc's default, flat with two arenas on two cores). `otklik serve` limits the
/// arenas to `otklik.malloc.arenas` (OTKLIK_MALLOC_ARENAS; one per core, at least two, by default; 0 keeps glibc's
/// default) unless glibc's own `MALLOC_ARENA_MAX` is set, which then wins. Elsewhere than glibc it does nothing.
enum MallocArenas {
    /// Applies the limit; returns what was applied (nil: nothing).
    @discardableResult
    static func limit(_ arenas: Int, environment: [String: String] = ProcessInfo.processInfo.environment) -> Int? {
        guard arenas > 0, environment["MALLOC_ARENA_MAX"] == nil else { return nil }
        #if canImport(Glibc)
        // Swift's Glibc module leaves out <malloc.h>: mallopt is looked up, M_ARENA_MAX is its value there (-8).
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return nil }
        let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
        return mallopt(-8, Int32(arenas)) == 1 ? arenas : nil
        #else
        return nil
        #endif
    }
}
