import Dispatch

/// Splits a scan's rows `0..<rows` into consecutive parts, one per thread (``ScanOptions``: at most `parallelism`
/// parts of at least `rowsPerThread` rows), runs the scan's body on each part at once and returns the parts' results
/// in row order, for the caller to merge. The body must only read what the threads share (the columns are not changed
/// while a scan holds its table) and build its part's result from scratch.
enum RowParts {
    static func map<Part>(rows: Int, options: ScanOptions, _ body: (Range<Int>) -> Part) -> [Part] {
        let parts = max(1, min(options.parallelism, rows / options.rowsPerThread))
        guard parts > 1 else { return [body(0..<rows)] }
        let share = (rows + parts - 1) / parts
        return withoutActuallyEscaping(body) { body in
            let results = UnsafeMutablePointer<Part?>.allocate(capacity: parts)
            results.initialize(repeating: nil, count: parts)
            defer {
                results.deinitialize(count: parts)
                results.deallocate()
            }
            let block = PartBlock(results: results, body: body)
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                block.results[part] = block.body((part * share)..<min(rows, (part + 1) * share))
            }
            return (0..<parts).map { results[$0]! }
        }
    }
}

/// The parts' result slots and the body, shared by the threads: each writes only its own part's slot.
private struct PartBlock<Part>: @unchecked Sendable {
    let results: UnsafeMutablePointer<Part?>
    let body: (Range<Int>) -> Part
}
