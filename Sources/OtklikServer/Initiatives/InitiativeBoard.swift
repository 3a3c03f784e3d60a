import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore

/// The register with every initiative's effect measured now, and the portfolio ranked from it.
struct InitiativeBoard: Sendable {
    let repository: any InitiativeRepository
    let reference: any ReferenceRepository
    let evaluator: InitiativeEvaluator

    func measured(now: Date) async throws -> [(Initiative, InitiativeEffect)] {
        let locations = try await reference.locations()
        var result: [(Initiative, InitiativeEffect)] = []
        for initiative in try await repository.initiatives() {
            result.append((initiative, try await evaluator.effect(of: initiative, locations: locations, now: now)))
        }
        return result
    }

    func measured(id: String, now: Date) async throws -> (Initiative, InitiativeEffect) {
        guard let initiative = try await repository.initiative(id: id) else { throw OtklikError(.notFound, "no initiative '\(id)'", field: "id") }
        return (initiative, try await evaluator.effect(of: initiative, locations: try await reference.locations(), now: now))
    }

    func portfolio(now: Date) async throws -> [InitiativePortfolio.Entry] {
        InitiativePortfolio.rank(try await measured(now: now).map { ($0.0.id, $0.0.goalMetric, $0.0.budget, $0.1) })
    }
}
