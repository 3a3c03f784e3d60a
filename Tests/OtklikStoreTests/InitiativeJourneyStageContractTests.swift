import Foundation
import OtklikCore
import OtklikStore
import Testing

/// Issue 23 item 4: an initiative's scope names journey stages (`journey/stage`) beside its locations and services —
/// stored and read back on both engines, checked against the journeys, a malformed or unknown stage refused.
@Suite struct InitiativeJourneyStageContractTests {
    @Test(arguments: TestEngine.available)
    func storesAndChecksJourneyStages(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            try await JourneyContractTests.seed(database)
            _ = try await SQLJourneyRepository(database: database.sql).put(JourneyContractTests.journey(), now: JourneyContractTests.t0)
            let repository = SQLInitiativeRepository(database: database.sql)
            var initiative = Initiative(
                id: "i1", title: "Электронная очередь", owner: "Ирина", goalMetric: "csat", locations: ["L1"], budget: 100,
                start: JourneyContractTests.t0, journeyStages: ["getting-service/visit", "getting-service/apply", "getting-service/visit"])
            #expect(try await repository.create([initiative], now: JourneyContractTests.t0).inserted == ["i1"])
            let stored = try #require(try await repository.initiative(id: "i1"))
            #expect(stored.journeyStages == ["getting-service/apply", "getting-service/visit"] && stored == initiative.normalized())

            initiative.id = "i2"
            initiative.journeyStages = ["getting-service/nowhere"]
            do {
                _ = try await repository.create([initiative], now: JourneyContractTests.t0)
                Issue.record("an unknown stage was accepted")
            } catch let error as OtklikError {
                #expect(error.field == "items[0].journey_stages" && error.message.contains("getting-service/nowhere"))
            }
            initiative.journeyStages = ["visit"]
            #expect(throws: OtklikError.self) { try initiative.validate() }
            #expect(try await repository.initiative(id: "i2") == nil)
        }
    }
}
