import Configuration
import Foundation
import OtklikCore
import OtklikApplication
import OtklikMetrics
import OtklikStore

/// Every setting of the server, read once at start from the command line, the environment and defaults,
/// in that order. Keys (environment form in brackets): `otklik.db` (OTKLIK_DB), `otklik.host`
/// (OTKLIK_HOST), `otklik.port` (OTKLIK_PORT), `otklik.minimum.n` (OTKLIK_MINIMUM_N),
/// `otklik.log.level` (OTKLIK_LOG_LEVEL), `otklik.session.hours` (OTKLIK_SESSION_HOURS),
/// `otklik.cookie.secure` (OTKLIK_COOKIE_SECURE), `otklik.device.skew.seconds` (OTKLIK_DEVICE_SKEW_SECONDS),
/// `otklik.kiosk.idle.seconds` (OTKLIK_KIOSK_IDLE_SECONDS), `otklik.case.sla.hours` (OTKLIK_CASE_SLA_HOURS),
/// `otklik.public.url` (OTKLIK_PUBLIC_URL), `otklik.webhook.backoff.seconds` (OTKLIK_WEBHOOK_BACKOFF_SECONDS),
/// `otklik.business.hours` (OTKLIK_BUSINESS_HOURS), `otklik.case.first.response.hours` (OTKLIK_CASE_FIRST_RESPONSE_HOURS),
/// `otklik.problem.threshold` (OTKLIK_PROBLEM_THRESHOLD), `otklik.problem.window.days` (OTKLIK_PROBLEM_WINDOW_DAYS),
/// `otklik.smtp.url` (OTKLIK_SMTP_URL), `otklik.mail.from` (OTKLIK_MAIL_FROM),
/// `otklik.webhook.allow.hosts` (OTKLIK_WEBHOOK_ALLOW_HOSTS), `otklik.smtp.ca.file` (OTKLIK_SMTP_CA_FILE), the SMS
/// and messenger gateways' keys (``TextGatewaySettings``: `otklik.sms.gateway.*`, `otklik.messenger.gateway.*`), `otklik.trusted.proxies`, the retention periods (`readPrivacy`) and the
/// analytics engine's (``AnalyticsSettings``), `otklik.malloc.arenas` (OTKLIK_MALLOC_ARENAS).
public struct AppConfiguration: Sendable {
    public var databaseURL: String
    public var host: String
    public var port: Int
    /// Groups with fewer respondents show "insufficient data" instead of a number.
    public var minimumN: Int
    public var logLevel: String
    public var sessionLifetime: Duration
    /// Mark the session cookie `Secure` (set when Otklik is served over HTTPS behind a proxy).
    public var secureCookies: Bool
    /// A device whose clock is further than this from the server's has its batch refused.
    public var deviceSkewSeconds: Int
    /// The kiosk page returns to its first screen after this many idle seconds.
    public var kioskIdleSeconds: Int
    /// How long a write waits for its text analysis, cases and red-press alerts before it answers; 0 (the default):
    /// it answers at its commit and they follow from the change feed within a second; `otklik.case.wait.seconds`.
    public var caseWaitSeconds = 0
    /// Seconds between the write profile's summaries on standard error, 0 (the default) for none (``WriteProfile``);
    /// at most 60, since every sample of an interval is kept until its summary; `otklik.profile.writes.seconds`.
    public var profileWritesSeconds = 0
    /// A case opened from feedback is due this many business hours later.
    public var caseSLAHours: Int
    /// A person should first act on a case within this many business hours.
    public var caseFirstResponseHours: Int
    /// Opening hours the SLA counts, seconds after local midnight.
    public var businessHours: (opens: Int, closes: Int)
    /// Complaints on one theme at one place that make a problem, and the window they are counted in.
    public var problemRule: ProblemRule
    /// The address customers reach Otklik at (for printed QR codes), e.g. `https://feedback.example.ru`;
    /// without it the request's Host is used.
    public var publicURL: String?
    /// The first retry of a failed webhook delivery waits this long; each next one twice as long.
    public var webhookBackoffSeconds: Int
    /// Where e-mail goes: `smtp://…` or `smtps://…` (see ``SMTPEndpoint``); nil: e-mails are written to the log only.
    public var smtpURL: String?
    /// A CA certificate (PEM) trusted besides the system's for the SMTP server's certificate.
    public var smtpCAFile: String?
    /// The HTTP gateway SMS go through; nil: none.
    public var smsGateway: TextGatewaySettings?
    /// The HTTP gateway messenger messages go through; nil: none (the `messenger` channel is then not deliverable).
    public var messengerGateway: TextGatewaySettings?
    /// The channels a programme's message or survey invitation can go on: `email` and `sms` always (written to the log
    /// when neither SMTP nor a gateway is configured), `messenger` only with its gateway.
    public var deliverableChannels: [String] { ["email", "sms"] + (messengerGateway == nil ? [] : ["messenger"]) }
    /// The sender address of notification e-mails.
    public var mailFrom: String
    /// Hosts webhooks may reach although they are (or resolve to) loopback, link-local or private addresses.
    public var webhookAllowHosts: [String] = []
    /// The proxies whose `X-Forwarded-For` is believed (``TrustedProxies``); empty: none, the peer is the client.
    public var trustedProxies = TrustedProxies()
    /// Failed logins one client address may make (refilled `loginFailuresRefillPerMinute` a minute) before it may sign
    /// in only to accounts with no recent failure (``AuthController``).
    public var loginFailuresPerAddress = 100
    public var loginFailuresRefillPerMinute = 20.0
    /// How long each kind of personal data is kept (``RetentionPolicy``); the default keeps everything.
    public var retention = RetentionPolicy()
    /// The engine that answers the feedback metrics (``AnalyticsSettings``): embedded unless ClickHouse is configured.
    public var analytics = AnalyticsSettings.embedded
    /// Where the analytics engine's snapshot is kept (``AnalyticsSnapshotFile``): `otklik.analytics.snapshot`
    /// (OTKLIK_ANALYTICS_SNAPSHOT) a file path, `off`, or unset: `<database file>.analytics` beside an SQLite store, none
    /// for PostgreSQL.
    public var analyticsSnapshotPath: String?
    public var analyticsSnapshotOff = false

    /// The analytics engine's snapshot file, nil when there is none.
    public var analyticsSnapshot: AnalyticsSnapshotFile? {
        if analyticsSnapshotOff { return nil }
        if let analyticsSnapshotPath { return AnalyticsSnapshotFile(url: URL(fileURLWithPath: analyticsSnapshotPath)) }
        return AnalyticsSnapshotFile.beside(databaseURL: databaseURL)
    }

    /// glibc malloc arenas `otklik serve` allows: one per core, at least two (0: glibc's default of eight per core);
    /// `otklik.malloc.arenas`.
    public var mallocArenas = max(2, ProcessInfo.processInfo.activeProcessorCount)

    /// Where webhooks may be delivered.
    public var webhookPolicy: WebhookTargetPolicy { WebhookTargetPolicy(allowedHosts: webhookAllowHosts) }

    public static let defaultDatabaseURL = "sqlite:otklik.sqlite"

    public init(
        databaseURL: String = defaultDatabaseURL, host: String = "127.0.0.1", port: Int = 8080, minimumN: Int = 30,
        logLevel: String = "info", sessionLifetime: Duration = .seconds(12 * 3600), secureCookies: Bool = false,
        deviceSkewSeconds: Int = 120, kioskIdleSeconds: Int = 30, caseSLAHours: Int = 16, publicURL: String? = nil,
        webhookBackoffSeconds: Int = 10, caseFirstResponseHours: Int = 4, businessHours: (opens: Int, closes: Int) = (9 * 3600, 18 * 3600),
        problemRule: ProblemRule = ProblemRule(), smtpURL: String? = nil, mailFrom: String = "otklik@localhost"
    ) {
        self.smtpURL = smtpURL
        self.mailFrom = mailFrom
        self.databaseURL = databaseURL
        self.host = host
        self.port = port
        self.minimumN = minimumN
        self.logLevel = logLevel
        self.sessionLifetime = sessionLifetime
        self.secureCookies = secureCookies
        self.deviceSkewSeconds = deviceSkewSeconds
        self.kioskIdleSeconds = kioskIdleSeconds
        self.caseSLAHours = caseSLAHours
        self.publicURL = publicURL
        self.webhookBackoffSeconds = webhookBackoffSeconds
        self.caseFirstResponseHours = caseFirstResponseHours
        self.businessHours = businessHours
        self.problemRule = problemRule
    }

    /// The keys whose values the configuration reader treats as secret (never printed by it).
    static let secretKeys: Set<String> = [
        "otklik.db", "otklik.smtp.url", "otklik.clickhouse.url", "otklik.clickhouse.password", "otklik.sms.gateway.url", "otklik.sms.gateway.token",
        "otklik.messenger.gateway.url", "otklik.messenger.gateway.token",
    ]

    /// Reads the settings; `overrides` are values given on the command line (key → value).
    public init(overrides: [String: String], environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        var values: [AbsoluteConfigKey: ConfigValue] = [:]
        for (key, value) in overrides {
            values[AbsoluteConfigKey(key.split(separator: ".").map(String.init))] = .init(.string(value), isSecret: Self.secretKeys.contains(key))
        }
        let reader = ConfigReader(providers: [
            InMemoryProvider(name: "command line", values: values),
            EnvironmentVariablesProvider(environmentVariables: environment, secretsSpecifier: .specific([
                "OTKLIK_DB", "OTKLIK_SMTP_URL", "OTKLIK_SMS_GATEWAY_URL", "OTKLIK_SMS_GATEWAY_TOKEN", "OTKLIK_MESSENGER_GATEWAY_URL",
                "OTKLIK_MESSENGER_GATEWAY_TOKEN", "OTKLIK_CLICKHOUSE_URL", "OTKLIK_CLICKHOUSE_PASSWORD",
            ])),
        ])
        let defaults = AppConfiguration()
        self.init(
            databaseURL: reader.string(forKey: "otklik.db", default: defaults.databaseURL),
            host: reader.string(forKey: "otklik.host", default: defaults.host),
            port: try Self.integer(reader.string(forKey: "otklik.port"), key: "otklik.port", default: defaults.port, range: 0...65535),
            minimumN: try Self.integer(
                reader.string(forKey: "otklik.minimum.n"), key: "otklik.minimum.n", default: defaults.minimumN, range: 1...100_000),
            logLevel: reader.string(forKey: "otklik.log.level", default: defaults.logLevel),
            sessionLifetime: .seconds(
                try Self.integer(reader.string(forKey: "otklik.session.hours"), key: "otklik.session.hours", default: 12, range: 1...720)
                    * 3600),
            secureCookies: reader.string(forKey: "otklik.cookie.secure", default: "false") == "true",
            deviceSkewSeconds: try Self.integer(
                reader.string(forKey: "otklik.device.skew.seconds"), key: "otklik.device.skew.seconds", default: defaults.deviceSkewSeconds,
                range: 1...86_400),
            kioskIdleSeconds: try Self.integer(
                reader.string(forKey: "otklik.kiosk.idle.seconds"), key: "otklik.kiosk.idle.seconds", default: defaults.kioskIdleSeconds,
                range: 5...3600),
            caseSLAHours: try Self.integer(
                reader.string(forKey: "otklik.case.sla.hours"), key: "otklik.case.sla.hours", default: defaults.caseSLAHours, range: 1...8760),
            publicURL: try Self.publicURL(reader.string(forKey: "otklik.public.url")),
            webhookBackoffSeconds: try Self.integer(
                reader.string(forKey: "otklik.webhook.backoff.seconds"), key: "otklik.webhook.backoff.seconds",
                default: defaults.webhookBackoffSeconds, range: 1...3600),
            caseFirstResponseHours: try Self.integer(
                reader.string(forKey: "otklik.case.first.response.hours"), key: "otklik.case.first.response.hours",
                default: defaults.caseFirstResponseHours, range: 1...2000),
            businessHours: try Self.hours(reader.string(forKey: "otklik.business.hours")) ?? defaults.businessHours,
            problemRule: ProblemRule(
                threshold: try Self.integer(
                    reader.string(forKey: "otklik.problem.threshold"), key: "otklik.problem.threshold", default: defaults.problemRule.threshold,
                    range: 2...10_000),
                windowDays: try Self.integer(
                    reader.string(forKey: "otklik.problem.window.days"), key: "otklik.problem.window.days",
                    default: defaults.problemRule.windowDays, range: 1...365)),
            smtpURL: try Self.smtpURL(reader.string(forKey: "otklik.smtp.url")),
            mailFrom: reader.string(forKey: "otklik.mail.from", default: defaults.mailFrom))
        smtpCAFile = reader.string(forKey: "otklik.smtp.ca.file").flatMap { $0.isEmpty ? nil : $0 }
        if let smtpURL {
            do {
                _ = try SMTPEndpoint(url: smtpURL, caFile: smtpCAFile)
            } catch {
                throw ConfigurationError(key: "otklik.smtp.url", message: "\(error)")
            }
        }
        smsGateway = try TextGatewaySettings.read(reader, channel: .sms)
        messengerGateway = try TextGatewaySettings.read(reader, channel: .messenger)
        webhookAllowHosts = (reader.string(forKey: "otklik.webhook.allow.hosts") ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        try readPrivacy(reader)
        analytics = try AnalyticsSettings.read(reader)
        switch reader.string(forKey: "otklik.analytics.snapshot") ?? "" {
        case "": break
        case "off": analyticsSnapshotOff = true
        case let path: analyticsSnapshotPath = path
        }
        caseWaitSeconds = try Self.integer(
            reader.string(forKey: "otklik.case.wait.seconds"), key: "otklik.case.wait.seconds", default: 0, range: 0...600)
        profileWritesSeconds = try Self.integer(
            reader.string(forKey: "otklik.profile.writes.seconds"), key: "otklik.profile.writes.seconds", default: 0, range: 0...60)
        mallocArenas = try Self.integer(
            reader.string(forKey: "otklik.malloc.arenas"), key: "otklik.malloc.arenas", default: defaults.mallocArenas, range: 0...256)
    }

    static func hours(_ text: String?) throws -> (opens: Int, closes: Int)? {
        guard let text, !text.isEmpty else { return nil }
        guard let hours = BusinessClock.hours(text) else {
            throw ConfigurationError(key: "otklik.business.hours", message: "must be opening hours such as 09:00-18:00, got '\(text)'")
        }
        return hours
    }

    static func smtpURL(_ text: String?) throws -> String? {
        guard let text, !text.isEmpty else { return nil }
        guard let url = URLComponents(string: text), ["smtp", "smtps"].contains(url.scheme ?? ""), url.host?.isEmpty == false else {
            throw ConfigurationError(key: "otklik.smtp.url", message: "must be smtp://[user:password@]host[:port][?starttls=required] or smtps://…")
        }
        return text
    }

    static func publicURL(_ text: String?) throws -> String? {
        guard let text, !text.isEmpty else { return nil }
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
            throw ConfigurationError(key: "otklik.public.url", message: "must be an http(s) address such as https://feedback.example.ru")
        }
        return text.hasSuffix("/") ? String(text.dropLast()) : text
    }

    static func integer(_ text: String?, key: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw ConfigurationError(key: key, message: "must be an integer in \(range.lowerBound)...\(range.upperBound), got '\(text)'")
        }
        return number
    }
}

/// A setting with a value Otklik cannot use.
public struct ConfigurationError: Error, CustomStringConvertible {
    public var key: String
    public var message: String
    public var description: String { "configuration \(key): \(message)" }
}
