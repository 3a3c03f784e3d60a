import ArgumentParser
import Foundation
import Hummingbird
import Metrics
import OtklikCore
import OtklikServer
import OtklikStore
import Prometheus

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the web server: dashboard, API, /health, /metrics.")

    @OptionGroup var common: CommonOptions

    @Option(help: "Address to listen on (default 127.0.0.1). Env: OTKLIK_HOST.")
    var host: String?

    @Option(help: "Port (default 8080). Env: OTKLIK_PORT.")
    var port: Int?

    @Option(help: "Groups with fewer answers show 'insufficient data' (default 30). Env: OTKLIK_MINIMUM_N.")
    var minimumN: Int?

    @Option(help: "Engine of the feedback metrics: embedded (default) or clickhouse. Env: OTKLIK_ANALYTICS.")
    var analytics: String?

    @Option(
        help: "ClickHouse's HTTP address, http://HOST:8123/?database=NAME (user and password: prefer OTKLIK_CLICKHOUSE_USER and OTKLIK_CLICKHOUSE_PASSWORD, which a process list does not show). Env: OTKLIK_CLICKHOUSE_URL."
    )
    var clickhouseURL: String?

    @Flag(help: "Use the demo organisation (sqlite:otklik-demo.sqlite unless --db is given): fill it on first start and print a login.")
    var demo = false

    func run() async throws {
        var overrides: [String: String] = [:]
        if let host { overrides["otklik.host"] = host }
        if let port { overrides["otklik.port"] = String(port) }
        if let minimumN { overrides["otklik.minimum.n"] = String(minimumN) }
        if let analytics { overrides["otklik.analytics"] = analytics }
        if let clickhouseURL { overrides["otklik.clickhouse.url"] = clickhouseURL }
        let configuration = try common.configuration(overrides, defaultDatabase: demo ? "sqlite:otklik-demo.sqlite" : nil)
        MallocArenas.limit(configuration.mallocArenas)
        if configuration.profileWritesSeconds > 0 { WriteProfile.start(every: configuration.profileWritesSeconds) }
        let logger = common.logger(configuration)
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

        let app = try await OtklikApp.open(configuration, logger: logger, registry: registry, prepare: demo ? DemoSeeder.prepareReference : nil)
        var login: (String, String)?
        var seeder: DemoSeeder?
        if demo {
            let demoSeeder = DemoSeeder(app: app)
            seeder = demoSeeder
            if try await app.database.feedback.count() == 0 {
                note("Filling the demo organisation (\(DemoSeeder.defaultRecords) feedback records, about a minute)…")
                _ = try await demoSeeder.seed { done, total in
                    if done % 50_000 == 0 || done == total { note("  \(done) / \(total)") }
                }
            }
            login = (DemoSeeder.demoUser, try await demoSeeder.resetDemoUser())
        }
        let application = try await app.buildApplication()
        note("Otklik on http://\(configuration.host):\(configuration.port)  (database \(app.database.sql.displayName))")
        if case .clickhouse(let address) = configuration.analytics { note("Feedback metrics from ClickHouse at \(address.redacted)") }
        if let (user, password) = login {
            note("Demo login: user \(user), password \(password)")
            if let seeder { note("Demo API key (shown once): \(try await seeder.rotateDemoKey())") }
            let console = Device(code: "DEMO-BTN-L01", kind: .buttonConsole, location: "L01")
            let registered = try await app.database.devices.devices().contains { $0.device.code == console.code }
            let token = registered
                ? try await app.database.devices.issueToken(code: console.code, resetSequence: false)
                : try await app.database.devices.register(console)
            note("Demo button console \(console.code) at L01, token (shown once): \(token)")
            let base = "http://\(configuration.host):\(configuration.port)"
            note("Service point pages: kiosk \(base)/kiosk/L01, QR form \(base)/q/L01?staff=S001, loyalty display \(base)/display/L01")
            if let survey = try await seeder?.surveyInvitation() {
                note("Demo survey invitation \(survey.invitation) to \(survey.survey) (open on a phone): \(base)/s/\(survey.token)")
            }
        }
        try await application.runService()
        try await app.database.close()
    }
}
