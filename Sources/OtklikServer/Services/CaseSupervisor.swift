import Foundation
import Logging
import OtklikStore
import ServiceLifecycle

/// Runs beside the HTTP server: every `interval` it warns about cases near their deadline and records and
/// escalates the breached ones (each step an event, a history line and a webhook).
struct CaseSupervisor: Service {
    let cases: any CaseRepository
    let schedule: CaseScheduleSource
    let interval: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let changed = try await cases.supervise(now: Date(), schedule: try await schedule.current())
                if !changed.isEmpty { logger.info("cases supervised", metadata: ["changed": "\(changed.count)"]) }
            } catch {
                logger.error("case supervision failed", metadata: ["error": "\(error)"])
            }
            // Wakes at once when the server shuts down.
            try? await cancelWhenGracefulShutdown { [interval] in try await Task.sleep(for: interval) }
        }
    }
}
