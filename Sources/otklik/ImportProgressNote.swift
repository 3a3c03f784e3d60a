import Foundation
import OtklikInterchange
import Synchronization

/// A long import's progress on standard error: a note each time the rows stored pass another `every` (a million by
/// default). The count a chunked import reports grows by a chunk's stored rows, which need not divide `every` (a chunk
/// with bad lines skipped, a request already closed), so the note is given on passing a multiple, not on hitting it.
final class ImportProgressNote: Sendable {
    private let every: Int
    private let noted = Mutex(0)
    private let write: @Sendable (String) -> Void

    init(every: Int = 1_000_000, write: @escaping @Sendable (String) -> Void = { note($0) }) {
        self.every = every
        self.write = write
    }

    /// The multiples of `every` passed since the last note, given as one note of the rows stored now.
    var progress: ImportProgress {
        { [self] done in
            let passed = noted.withLock { last -> Bool in
                let reached = done / every
                guard reached > last else { return false }
                last = reached
                return true
            }
            if passed { write("  \(done) rows stored…") }
        }
    }
}
