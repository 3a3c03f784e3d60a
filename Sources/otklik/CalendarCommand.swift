import ArgumentParser
import Foundation
import OtklikCore
import OtklikInterchange
import OtklikStore

struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "The organisation's working-day calendar: Monday-Friday, with holidays and transferred working days.",
        discussion: """
            `otklik calendar import FILE` reads date,working,name rows (working: working or holiday), e.g.
            2026-01-07,holiday,Christmas or 2026-11-01,working,transferred working Saturday; a date already set is
            overwritten. `otklik calendar list` prints the exceptions. The e-mail KPI counts working days with it.
            """,
        subcommands: [Import.self, List.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set holidays and transferred working days from a CSV file.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "CSV file (- for standard input).") var file: String

        func run() async throws {
            let text = try readInput(file)
            let days: [CalendarDay]
            do {
                days = try CalendarCSV.parse(text)
            } catch let error as OtklikError {
                throw CommandFailure("\(file): \(error.field.map { "\($0): " } ?? "")\(error.message); nothing was changed")
            }
            try await withDatabase(common) { database in
                try await database.process.setCalendarDays(days)
                print("set \(days.count) days (\(days.filter { !$0.working }.count) holidays, \(days.filter(\.working).count) working)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the calendar's exceptions as CSV.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await withDatabase(common) { database in
                let writer = try CSVRowWriter(header: CalendarCSV.columns)
                for day in try await database.process.calendarDays() {
                    try writer.write([day.date, day.working ? "working" : "holiday", day.name ?? ""])
                }
                print(writer.text, terminator: "")
            }
        }
    }
}
