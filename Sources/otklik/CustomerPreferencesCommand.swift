import ArgumentParser
import Foundation
import OtklikCore
import OtklikServer

/// `otklik customers preferences ID [--channel …] [--lang …] [--time-zone …] [--quiet-hours 21:00-09:00] [--max-per-week N]`:
/// sets a customer's contact preferences. An option not given keeps the stored value; `--clear` starts from none.
/// Checked whole before anything is written.
struct CustomerPreferencesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preferences",
        abstract: "Set a customer's contact preferences: channel, language, time zone, quiet hours, at most so many contacts a week.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "Customer id.") var id: String
    @Option(help: "Preferred channel: \(ContactPreferencesInput.channels.joined(separator: ", ")).") var channel: String?
    @Option(help: "Language: ru or en.") var lang: String?
    @Option(name: .customLong("time-zone"), help: "IANA time zone, e.g. Europe/Moscow.") var timeZone: String?
    @Option(name: .customLong("quiet-hours"), help: "HH:MM-HH:MM in local time, e.g. 21:00-09:00.") var quietHours: String?
    @Option(name: .customLong("max-per-week"), help: "At most so many contacts a week, 0-50.") var maxPerWeek: Int?
    @Flag(help: "Clear the preferences not given instead of keeping them.") var clear = false

    func run() async throws {
        try await withDatabase(common) { database in
            let stored = clear ? nil : try await database.consents.preferences(of: id)
            let storedQuiet = stored.flatMap { p in
                p.quietFromMinute.flatMap { from in p.quietToMinute.map { ContactPreferencesInput.clock(from) + "-" + ContactPreferencesInput.clock($0) } }
            }
            let input = ContactPreferencesInput(
                preferredChannel: channel ?? stored?.preferredChannel, language: lang ?? stored?.language, timeZone: timeZone ?? stored?.timeZone,
                quietHours: quietHours ?? storedQuiet, maxPerWeek: maxPerWeek ?? stored?.maxPerWeek)
            let written = try await CustomerPreferencesWriter(database: database).write(input, customer: id)
            let quiet = written.quietFromMinute.flatMap { from in written.quietToMinute.map { ContactPreferencesInput.clock(from) + "-" + ContactPreferencesInput.clock($0) } }
            print([
                "channel \(written.preferredChannel ?? "-")", "language \(written.language ?? "-")", "time zone \(written.timeZone ?? "-")",
                "quiet hours \(quiet ?? "-")", "at most \(written.maxPerWeek.map(String.init) ?? "-") a week",
            ].joined(separator: "; "))
        }
    }
}
