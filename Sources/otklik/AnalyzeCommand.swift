import ArgumentParser

/// `otklik analyze`: statistics on a CSV file, no database needed (issue 6).
struct AnalyzeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Survey statistics on a CSV file: key drivers, Kano categories, sample sizes.",
        discussion: "These commands read the file given and need no database; definitions in docs/analysis.md and METHODS.md.",
        subcommands: [AnalyzeDriversCommand.self, AnalyzeKanoCommand.self, AnalyzeSampleSizeCommand.self])

    enum Format: String, ExpressibleByArgument {
        case table, json
    }
}
