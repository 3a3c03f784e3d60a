import ArgumentParser
import Foundation
import OtklikCore
import OtklikInterchange
import OtklikStore

/// `otklik import staff FILE`: creates or replaces staff from `code,name,location,role,email,team,hired_on,left_on` rows.
struct ImportStaffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract: "Create or replace staff members from a CSV file (all or nothing).",
        discussion: """
            Columns: \(StaffCSV.columns.joined(separator: ",")) (code, name required). hired_on and left_on are dates YYYY-MM-DD
            (left_on, the last day of work, not before hired_on); they feed the attrition figures. A staff member already
            stored is replaced, so a retried import changes nothing. One bad row or an unknown location imports nothing.
            """)

    @OptionGroup var common: CommonOptions

    @Argument(help: "CSV file (- for standard input).")
    var file: String

    func run() async throws {
        let text = try readInput(file)
        let staff: [Staff]
        do {
            staff = try StaffCSV.parse(text)
        } catch let error as OtklikError {
            throw CommandFailure("\(file): \(error.field.map { "\($0): " } ?? "")\(error.message); nothing was imported")
        }
        try await withDatabase(common) { database in
            do {
                try await database.reference.save(staff: staff)
            } catch let error as OtklikError {
                throw CommandFailure("\(file): \(error.field.map { "\($0): " } ?? "")\(error.message); nothing was imported")
            }
            let left = staff.filter { $0.leftOn != nil }.count
            print("imported \(staff.count) staff members (\(left) with a leaving date)")
        }
    }
}

/// `otklik export staff`: every staff member as the CSV `otklik import staff` reads.
struct ExportStaffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff", abstract: "Export staff as CSV (the import format), by code.")

    @OptionGroup var common: CommonOptions

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    func run() async throws {
        try await withDatabase(common) { database in
            let text = try StaffCSV.text(try await database.reference.staff())
            if let output {
                try text.write(toFile: output, atomically: true, encoding: .utf8)
            } else {
                print(text, terminator: "")
            }
        }
    }
}
