import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore
import Testing

/// KPI targets on both engines: validated all or nothing, codes checked against the reference data, an import adds
/// or updates by metric, scope, code and period and changes nothing when repeated, a PUT replaces the whole set.
@Suite struct TargetRepositoryContractTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    static func refusedField(_ targets: [KPITarget], _ database: AppDatabase) async -> String? {
        do {
            try await database.targets.upsert(targets, at: now)
            return nil
        } catch let error as OtklikError {
            return error.field
        } catch {
            return "\(error)"
        }
    }

    /// Every metric a target can be set for is stored: 0024's CHECK listed the feedback KPIs only, so a
    /// contact-centre or public-service target was refused by the database after passing validation (a 500).
    @Test(arguments: TestEngine.available)
    func everyTargetMetricIsStored(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            let all = TargetMetric.allCases.map { metric in
                KPITarget(metric: metric, scope: .organisation, code: nil, from: "2026-01-01", to: "2026-12-31",
                          target: metric.range.lowerBound + 1, kind: .absolute)
            }
            #expect(try await database.targets.upsert(all, at: Self.now) == all.count)
            #expect(Set(try await database.targets.targets().map(\.metric)) == Set(TargetMetric.allCases))
        }
    }

    @Test(arguments: TestEngine.available)
    func storedValidatedAndIdempotent(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            try await database.reference.save(Region(code: "R1", name: "Москва"))
            try await database.reference.save(Location(code: "L1", name: "Офис", region: "R1"))
            let year = KPITarget(metric: .csat, scope: .organisation, code: nil, from: "2026-01-01", to: "2026-12-31", target: 80, kind: .absolute)
            let region = KPITarget(metric: .csat, scope: .region, code: "R1", from: "2026-01-01", to: "2026-12-31", target: 5, kind: .relativeChange)
            let office = KPITarget(metric: .nps, scope: .location, code: "L1", from: "2026-04-01", to: "2026-06-30", target: 35.5, kind: .absolute)
            let unknown = KPITarget(metric: .nps, scope: .location, code: "L9", from: "2026-04-01", to: "2026-06-30", target: 35, kind: .absolute)

            #expect(await Self.refusedField([year, unknown], database) == "items[1].code")
            #expect(await Self.refusedField([year, year], database) == "items[1]")
            var bad = office
            bad.target = 150
            #expect(await Self.refusedField([year, bad], database) == "items[1].target")
            #expect(try await database.targets.targets().isEmpty, "a refused batch stores nothing")

            #expect(try await database.targets.upsert([year, region, office], at: Self.now) == 3)
            #expect(try await database.targets.upsert([year, region, office], at: Self.now) == 0, "the same import again adds nothing")
            var raised = year
            raised.target = 82
            #expect(try await database.targets.upsert([raised], at: Self.now) == 0, "same metric, scope, code and period: updated")
            let stored = try await database.targets.targets()
            #expect(Set(stored) == Set([raised, region, office]))

            try await database.targets.replaceAll([office], at: Self.now)
            #expect(try await database.targets.targets() == [office])
            try await database.targets.replaceAll([], at: Self.now)
            #expect(try await database.targets.targets().isEmpty)
        }
    }

    /// A read is served from memory for the cache's life (a metric request does not query the targets each time), a
    /// write through the same repository is seen at once, also by a read that began before it, and a write by another
    /// process (here: another repository on the same database) once the kept read is older than the cache's life.
    @Test(arguments: TestEngine.available)
    func readsAreKeptBrieflyAndOwnWritesAreSeenAtOnce(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            let otherProcess = SQLTargetRepository(database: database.sql)
            let longLived = SQLTargetRepository(database: database.sql, cacheLife: .seconds(600))
            let csat = KPITarget(metric: .csat, scope: .organisation, code: nil, from: "2026-01-01", to: "2026-12-31", target: 80, kind: .absolute)
            let nps = KPITarget(metric: .nps, scope: .organisation, code: nil, from: "2026-01-01", to: "2026-12-31", target: 30, kind: .absolute)
            #expect(try await longLived.targets().isEmpty)
            try await otherProcess.upsert([csat], at: Self.now)
            #expect(try await otherProcess.targets() == [csat])
            #expect(try await longLived.targets().isEmpty, "served from memory, not read again")
            try await longLived.upsert([nps], at: Self.now)
            #expect(Set(try await longLived.targets()) == [csat, nps], "a write through this repository is seen at once")
            try await longLived.replaceAll([nps], at: Self.now)
            #expect(try await longLived.targets() == [nps])
            await #expect(throws: OtklikError.self) { try await longLived.upsert([nps, nps], at: Self.now) }
            #expect(try await longLived.targets() == [nps], "a refused write changes nothing, kept or read")

            let life = Duration.milliseconds(300)
            let server = SQLTargetRepository(database: database.sql, cacheLife: life)
            #expect(try await server.targets() == [nps])
            try await otherProcess.replaceAll([csat], at: Self.now)
            #expect(try await server.targets() == [nps], "another process's write: the kept read until its life is over")
            try await Task.sleep(for: life + .milliseconds(50))
            #expect(try await server.targets() == [csat], "another process's write seen once the cache's life is over")
        }
    }
}
