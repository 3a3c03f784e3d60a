import ArgumentParser
import Foundation
import OtklikCore
import OtklikServer
import OtklikStore

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Fill a database with the demo organisation: 3 regions, 12 locations, 80 staff, 20 services, a year of feedback.")

    @OptionGroup var common: CommonOptions

    @Option(help: "Number of feedback records.")
    var records = DemoSeeder.defaultRecords

    @Option(help: "Random seed: the same seed and end date give the same data.")
    var seed: UInt64 = 2026

    @Option(help: "Last day of the demo year, YYYY-MM-DD (default: today).")
    var until: String?

    func run() async throws {
        let configuration = try common.configuration(defaultDatabase: "sqlite:otklik-demo.sqlite")
        let logger = common.logger(configuration)
        var end = Date()
        if let until {
            guard let day = Timestamp.parse(until) else { throw CommandFailure("--until must be a date YYYY-MM-DD") }
            end = day.addingTimeInterval(86_400)
        }
        let app = try await OtklikApp.open(configuration, logger: logger, prepare: DemoSeeder.prepareReference)
        let seeder = DemoSeeder(app: app)
        let started = ContinuousClock.now
        let outcome = try await seeder.seed(records: records, seed: seed, end: end) { done, total in
            if done % 50_000 == 0 || done == total { note("  \(done) / \(total)") }
        }
        let password = try await seeder.resetDemoUser()
        note("Stored \(outcome.inserted.count) new feedback records (\(outcome.duplicates.count) already there) in \(ContinuousClock.now - started).")
        note("Demo login: user \(DemoSeeder.demoUser), password \(password)")
        if let situations = try await app.database.lifeSituations.evaluate().first, let precision = situations.precision, let recall = situations.recall {
            note(String(
                format: "Life situations planted and detected: precision %.3f, recall %.3f (%d right, %d wrong, %d missed; otklik situations evaluate)",
                precision, recall, situations.truePositives, situations.falsePositives, situations.falseNegatives))
        }
        try await app.database.close()
    }
}
