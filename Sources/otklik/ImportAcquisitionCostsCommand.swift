import ArgumentParser
import Foundation
import OtklikCore
import OtklikInterchange
import OtklikServer
import OtklikStore

/// `otklik import acquisition-costs`: what was spent per period and acquisition channel (for CAC), all or nothing.
struct ImportAcquisitionCostsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "acquisition-costs",
        abstract: "Import acquisition costs (period,channel,amount), all or nothing.",
        discussion: """
            Columns: period (a month YYYY-MM or a day YYYY-MM-DD), channel, amount (a point as decimal separator, not
            negative). A (period, channel) already stored takes the new amount, so a retried import changes nothing.
            """)

    @OptionGroup var common: CommonOptions
    @Argument(help: "CSV file (- for standard input).") var file: String

    func run() async throws {
        let text = try readInput(file)
        let costs: [AcquisitionCost]
        do {
            costs = try AcquisitionCostCSV.parse(text).map(\.record)
        } catch let error as OtklikError {
            throw CommandFailure("\(file): \(error.field.map { "\($0): " } ?? "")\(error.message); nothing was imported")
        }
        try await withDatabase(common, creating: true) { database in
            let (inserted, replaced) = try await database.transactions.storeCosts(costs)
            print("imported \(inserted), replaced \(replaced)")
        }
    }
}
