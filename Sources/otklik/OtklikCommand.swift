import ArgumentParser

@main
struct OtklikCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "otklik",
        abstract: "Otklik: self-hosted customer-experience management.",
        discussion: "Every command takes --db sqlite:PATH or postgres://user:password@host:port/database (or OTKLIK_DB).",
        subcommands: [
            ServeCommand.self, DemoCommand.self, ImportCommand.self, ExportCommand.self, MetricsCommand.self,
            ApiKeyCommand.self, UserCommand.self, StaffingCommand.self, AnalyzeCommand.self, CalendarCommand.self, TargetsCommand.self, DeviceCommand.self, ReasonsCommand.self, WebhookCommand.self,
            BenchCommand.self, TextCommand.self, SurveyCommand.self, InitiativesCommand.self, JourneysCommand.self, AssessCommand.self, CustomersCommand.self, AuditCommand.self, BackupCommand.self,
            ProgrammeCommand.self, MailCommand.self,
            ExperimentCommand.self,
            ReportCommand.self,
            SegmentsCommand.self, SituationsCommand.self,
        ])
}
