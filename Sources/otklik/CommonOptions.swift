import ArgumentParser
import Foundation
import Logging
import OtklikCore
import OtklikServer

/// Options every command shares.
struct CommonOptions: ParsableArguments {
    @Option(help: "Database: sqlite:PATH (default sqlite:otklik.sqlite) or postgres://user:password@host:port/database. Env: OTKLIK_DB.")
    var db: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error. Env: OTKLIK_LOG_LEVEL.")
    var logLevel: String?

    @Option(help: "Log format: text or json.")
    var logFormat: LogFormat = .text

    enum LogFormat: String, ExpressibleByArgument {
        case text, json
    }

    /// Settings from these options, the environment and the defaults, in that order.
    func configuration(_ extra: [String: String] = [:], defaultDatabase: String? = nil) throws -> AppConfiguration {
        var overrides = extra
        if let db { overrides["otklik.db"] = db } else if let defaultDatabase, ProcessInfo.processInfo.environment["OTKLIK_DB"] == nil {
            overrides["otklik.db"] = defaultDatabase
        }
        if let logLevel { overrides["otklik.log.level"] = logLevel }
        return try AppConfiguration(overrides: overrides)
    }

    /// Refuses to go on without a database: only `serve`, `demo` and the imports create an SQLite file; any other
    /// command on a missing one would create an empty database and answer "insufficient data". Exits 2.
    func requireDatabase(_ configuration: AppConfiguration) throws {
        let url = configuration.databaseURL
        guard !url.hasPrefix("postgres") else { return }
        let path = url.hasPrefix("sqlite:") ? String(url.dropFirst("sqlite:".count)) : url
        guard path != ":memory:", !FileManager.default.fileExists(atPath: path) else { return }
        note("no database at \(path); run otklik demo or pass --db")
        throw ExitCode(2)
    }

    func logger(_ configuration: AppConfiguration) -> Logger {
        let level = Logger.Level(rawValue: configuration.logLevel) ?? .info
        let format = logFormat
        LoggingBootstrap.once(format: format == .json, level: level, redaction: configuration.redaction)
        var logger = Logger(label: "otklik")
        logger.logLevel = level
        return logger
    }
}

/// swift-log may be bootstrapped once per process.
enum LoggingBootstrap {
    nonisolated(unsafe) private static var done = false

    /// Every handler redacts secrets (``RedactingLogHandler``), whichever library logs and at whichever level.
    static func once(format json: Bool, level: Logger.Level, redaction: SecretRedaction) {
        guard !done else { return }
        done = true
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = json ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return RedactingLogHandler(handler, redaction: redaction)
        }
    }
}

/// Prints a one-line reason and exits non-zero: the CLI's answer to bad input.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// Writes progress and notices to standard error, keeping standard output for data.
func note(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// The whole of a file (or of standard input for `-`) as UTF-8 text.
func readInput(_ file: String) throws -> String {
    let data: Data
    if file == "-" {
        data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
        guard let contents = FileManager.default.contents(atPath: file) else { throw CommandFailure("cannot read \(file)") }
        data = contents
    }
    guard let text = String(data: data, encoding: .utf8) else { throw CommandFailure("\(file) is not UTF-8 text") }
    return text
}
