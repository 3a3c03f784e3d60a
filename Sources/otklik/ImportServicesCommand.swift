import ArgumentParser
import Foundation
import OtklikCore
import OtklikInterchange
import OtklikStore

/// `otklik import services FILE`: creates or replaces services from `code,name,available_online` rows.
struct ImportServicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "services",
        abstract: "Create or replace services from a CSV file.",
        discussion: """
            Columns: \(ServiceCSV.columns.joined(separator: ",")) (code, name required). available_online is true or false
            (empty: not stated); services_online_share counts it. A service already stored is replaced.
            """)

    @OptionGroup var common: CommonOptions

    @Argument(help: "CSV file (- for standard input).")
    var file: String

    func run() async throws {
        let text = try readInput(file)
        let services: [Service]
        do {
            services = try ServiceCSV.parse(text)
        } catch let error as OtklikError {
            throw CommandFailure("\(file): \(error.field.map { "\($0): " } ?? "")\(error.message); nothing was imported")
        }
        try await withDatabase(common) { database in
            for service in services { try await database.reference.save(service) }
            let online = services.filter { $0.availableOnline == true }.count
            print("imported \(services.count) services (\(online) available online, \(services.filter { $0.availableOnline == nil }.count) not stated)")
        }
    }
}
