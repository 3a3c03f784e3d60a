import ArgumentParser
import Foundation
import OtklikCore
import OtklikInterchange
import OtklikMetrics
import OtklikStore

struct TargetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "targets",
        abstract: "KPI targets per organisation, region, location or service and period.",
        discussion: """
            `otklik targets import FILE.csv` reads metric,scope,code,from,to,target,kind rows, e.g.
            csat,organisation,,2026-01-01,2026-12-31,80,absolute (80 % satisfaction in 2026) or
            csat,region,R1,2026-01-01,2026-12-31,5,relative_change (+5 % on 2025). Metrics: nps, csat, ces, ces_easy,
            button, negative; scopes: organisation (no code), region, location, service. A target with the same metric,
            scope, code and period is replaced; --replace drops every target the file does not list. All or nothing.
            `otklik targets list` prints them as CSV. The dashboard shows each KPI against its target.
            """,
        subcommands: [Import.self, List.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set KPI targets from a CSV file, all or nothing.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "CSV file (- for standard input).") var file: String
        @Flag(help: "Replace every stored target with the file's (otherwise the file's targets are added or updated).")
        var replace = false

        func run() async throws {
            let text = try readInput(file)
            let targets: [KPITarget]
            do {
                targets = try TargetCSV.parse(text)
            } catch let error as OtklikError {
                throw CommandFailure("\(file): \(error.field.map { "\($0): " } ?? "")\(error.message); nothing was changed")
            }
            try await withDatabase(common) { database in
                do {
                    if replace {
                        try await database.targets.replaceAll(targets, at: Date())
                        print("\(targets.count) targets stored; every other target removed")
                    } else {
                        let added = try await database.targets.upsert(targets, at: Date())
                        print("\(targets.count) targets read: \(added) new, \(targets.count - added) already stored (updated if changed)")
                    }
                } catch let error as OtklikError {
                    // items[i] is the file's line i + 2 (line 1 is the header).
                    let field = error.field.map { field -> String in
                        guard field.hasPrefix("items["), let close = field.firstIndex(of: "]"),
                            let index = Int(field[field.index(field.startIndex, offsetBy: 6)..<close])
                        else { return field }
                        return "line \(index + 2)" + field[field.index(after: close)...].replacingOccurrences(of: ".", with: ", column ")
                    }
                    throw CommandFailure("\(file): \(field.map { "\($0): " } ?? "")\(error.message); nothing was changed")
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the KPI targets as CSV.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await withDatabase(common) { database in
                let writer = try CSVRowWriter(header: TargetCSV.columns)
                for target in try await database.targets.targets() {
                    try writer.write([
                        target.metric.rawValue, target.scope.rawValue, target.code ?? "", target.from, target.to,
                        KPITarget.number(target.target), target.kind.rawValue,
                    ])
                }
                print(writer.text, terminator: "")
            }
        }
    }
}
