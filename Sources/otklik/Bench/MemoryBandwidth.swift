import Dispatch
import Foundation

/// The machine's read bandwidth from memory, measured in the benchmark's own run: a buffer far larger than any cache
/// summed by `threads` threads, each over its own part, as the engine's scans split a table. A query that reads B
/// bytes of columns cannot finish in less than B / bandwidth; `scripts/bench-analytics` prints each query's distance
/// from that bound (issue 22).
struct MemoryBandwidth {
    /// Bytes summed in each pass (1 GiB: past every cache of the machines this runs on).
    static let bufferBytes = 1 << 30

    /// Bytes per second: the best of `passes` passes (the first touches every page first, untimed).
    static func measure(threads: Int, passes: Int = 5) -> (bytesPerSecond: Double, passesGBs: [Double]) {
        let words = bufferBytes / MemoryLayout<UInt64>.stride
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bufferBytes, alignment: 64)  // whole vectors, aligned
        defer { raw.deallocate() }
        let buffer = raw.bindMemory(to: UInt64.self, capacity: words)
        for index in 0..<words { buffer[index] = UInt64(truncatingIfNeeded: index &* 2_654_435_761) }
        let parts = max(1, threads)
        let sums = UnsafeMutablePointer<UInt64>.allocate(capacity: parts * 8)  // a cache line a thread
        defer { sums.deallocate() }
        let shared = Shared(buffer: buffer, sums: sums)
        var rates: [Double] = []
        for _ in 0..<passes {
            let started = ContinuousClock.now
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let lower = words * part / parts, upper = words * (part + 1) / parts
                shared.sums[part * 8] = sum(shared.buffer + lower, count: upper - lower)
            }
            let seconds = (ContinuousClock.now - started).seconds
            rates.append(Double(bufferBytes) / seconds / 1e9)
            // The sums are read, so the loop cannot be left out.
            if (0..<parts).reduce(0, { $0 &+ sums[$1 * 8] }) == 42 { FileHandle.standardError.write(Data(".".utf8)) }
        }
        return (rates.max()! * 1e9, rates)
    }

    /// The buffer and the threads' sums, shared by the threads of one pass: each reads its own part and writes its own sum.
    private struct Shared: @unchecked Sendable {
        let buffer: UnsafeMutablePointer<UInt64>
        let sums: UnsafeMutablePointer<UInt64>
    }

    /// Eight independent sums, which the compiler turns into vector additions: the loop waits on memory, not on adds.
    @inline(never)
    static func sum(_ words: UnsafePointer<UInt64>, count: Int) -> UInt64 {
        var lanes = SIMD8<UInt64>()
        var index = 0
        words.withMemoryRebound(to: SIMD8<UInt64>.self, capacity: count / 8) { vectors in
            while index + 8 <= count {
                lanes &+= vectors[index / 8]
                index += 8
            }
        }
        var total = lanes.wrappedSum()
        while index < count {
            total &+= words[index]
            index += 1
        }
        return total
    }
}
