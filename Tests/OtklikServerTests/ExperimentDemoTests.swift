import Foundation
import OtklikCore
import OtklikMetrics
@testable import OtklikServer
import OtklikStore
import Testing

/// Issue 19 item 5's demo experiment, the greeter switchback: on 20,000 demo records its result's 95 % interval contains
/// the planted effect — computed from the same records generated without it — and excludes zero; the days are the
/// clusters; seeding again changes nothing.
@Suite struct ExperimentDemoTests {
    @Test func theGreetersIntervalContainsThePlantedEffect() async throws {
        let test = try await TestApp.make()
        do {
            let end = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
            try await DemoSeeder.prepareReference(test.app.database)
            var planted = DemoFeedbackGenerator(seed: 2026, end: end)
            var plain = DemoFeedbackGenerator(seed: 2026, end: end)
            plain.plantExperiment = false
            let items = (1...20_000).map { planted.make(index: $0) }
            let originals = (1...20_000).map { plain.make(index: $0) }
            _ = try await test.app.database.feedback.insert(items, createMissingReferences: false)
            try await DemoExperiment.seed(test.app.database, end: end)

            // The planted effect: over the greeter's days' NPS answers in the window, the mean change of the coded answer.
            let moscow = TimeZone(identifier: "Europe/Moscow")!
            var change = 0.0, answers = 0, changed = 0
            for (item, original) in zip(items, originals) where item.ts >= DemoExperiment.start(end: end) && item.ts < end {
                guard let nps = item.nps, let before = original.nps else { continue }
                let day = ExperimentAssignment.day(item.ts, timeZone: moscow)
                guard ExperimentAssignment.variant(experiment: DemoExperiment.code, unit: day, variants: DemoExperiment.variants) == 1 else { continue }
                change += ExperimentMetric.nps.code(Double(nps))! - ExperimentMetric.nps.code(Double(before))!
                answers += 1
                if nps != before { changed += 1 }
            }
            let effect = 100 * change / Double(answers)
            #expect(changed > 0 && effect > 5, "planted \(effect) over \(answers) answers")

            let result = try await test.app.database.experiments.result(code: DemoExperiment.code, timeZone: moscow, now: end)
            #expect(result.status == .stopped)
            let analysis = try #require(result.analysis)
            #expect(analysis.treatment.n == answers)
            let clusters = try #require(analysis.clusters)
            #expect(clusters.control + clusters.treatment == DemoExperiment.horizonDays && clusters.method == "cluster_robust_t")
            #expect(analysis.ciLow <= effect && effect <= analysis.ciHigh, "planted \(effect), [\(analysis.ciLow); \(analysis.ciHigh)]")
            #expect(analysis.ciLow > 0 && analysis.significant, "[\(analysis.ciLow); \(analysis.ciHigh)]")
            #expect(!analysis.srm.mismatch)

            try await DemoExperiment.seed(test.app.database, end: end)
            #expect(try await test.app.database.experiments.experiments().count == 1)
            try await test.close()
        } catch {
            try? await test.close()
            throw error
        }
    }
}
