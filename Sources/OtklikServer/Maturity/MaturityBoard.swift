import Foundation
import OtklikCore
import OtklikStore

/// The maturity assessments on this server: the report of the latest two with the evidence Otklik holds, and saving
/// a new one.
public struct MaturityBoard: Sendable {
    public let repository: any MaturityRepository

    public init(repository: any MaturityRepository) {
        self.repository = repository
    }

    public func report(now: Date = Date()) async throws -> MaturityReport {
        let (current, previous) = try await repository.latestTwo()
        return MaturityReport(current: current, previous: previous, evidence: try await repository.evidence(now: now))
    }
}
