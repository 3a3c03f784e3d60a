import ArgumentParser

/// `otklik analyze`: statistics on a file; `analyze clv` reads a file or the database (issue 6, issue 18).
struct AnalyzeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Survey statistics on a CSV file: key drivers, Kano categories, sample sizes, NPS with non-responders, change between periods, experiments; customer lifetime value, subscription retention, churn risk and acquisition cost.",
        discussion: "These commands read the file or counts given and need no database, except clv, which reads a file or the database (--db), and churn and acquisition, which read the database; the definitions are in docs/methods.md.",
        subcommands: [AnalyzeDriversCommand.self, AnalyzeKanoCommand.self, AnalyzeSampleSizeCommand.self, AnalyzeNPSCommand.self, AnalyzeChangeCommand.self, AnalyzeExperimentCommand.self, AnalyzeCLVCommand.self, AnalyzeRetentionCommand.self, AnalyzeChurnCommand.self, AnalyzeAcquisitionCommand.self])

    enum Format: String, ExpressibleByArgument {
        case table, json
    }
}
