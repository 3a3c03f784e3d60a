import Foundation
import Logging
import OtklikStore

/// Re-analyses stored comments and transcripts after the taxonomy changed, off the request, one at a time.
public actor TextReanalysis {
    let texts: any TextAnalysisRepository
    let logger: Logger
    private var running: Task<Void, Never>?
    private var again = false

    public init(texts: any TextAnalysisRepository, logger: Logger) {
        self.texts = texts
        self.logger = logger
    }

    /// Starts a full re-analysis, or asks the running one to run once more when it ends.
    public func start() {
        guard running == nil else {
            again = true
            return
        }
        running = Task { await self.run() }
    }

    private func run() async {
        repeat {
            again = false
            do {
                let count = try await texts.reanalyze(all: true, chunkSize: 5_000, progress: { _, _ in })
                logger.info("re-analysed stored texts with the new taxonomy", metadata: ["texts": "\(count)"])
            } catch {
                logger.error("re-analysis failed", metadata: ["error": "\(error)"])
            }
        } while again
        running = nil
    }

    /// Waits for a running re-analysis (tests).
    public func wait() async {
        while let task = running { await task.value }
    }
}
