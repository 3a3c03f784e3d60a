import ArgumentParser

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmarks that print figures (use a release build; scripts/bench-* run them).",
        subcommands: [BenchAnalyticsCommand.self])
}
