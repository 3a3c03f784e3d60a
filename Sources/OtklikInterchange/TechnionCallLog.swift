import Foundation
import OtklikCore

/// Reads the Technion "Anonymous Bank" call log (Guedj & Mandelbaum): tab-separated, one call a line,
/// columns `vru+line call_id customer_id priority type date vru_entry vru_exit vru_time q_start q_exit
/// q_time outcome ser_start ser_exit ser_time server`.
///
/// Mapping: `AGENT` → answered (wait = q_time, talk = ser_time; a service record of 0:00:00/0 s means
/// "not recorded"); `HANG` with q_time > 0 → abandoned in the queue; `HANG` with q_time = 0 → hung up in
/// the IVR, never offered to the queue (self-service); `PHANTOM` → dropped and counted. `customer_id` 0 is an
/// anonymous caller; `type` is both the queue and the topic; `server` is the agent (`NO_SERVER` = none).
public enum TechnionCallLog {
    static let columns = [
        "vru+line", "call_id", "customer_id", "priority", "type", "date", "vru_entry", "vru_exit", "vru_time", "q_start",
        "q_exit", "q_time", "outcome", "ser_start", "ser_exit", "ser_time", "server",
    ]

    public typealias Result = ParsedInteractions

    /// - Parameters:
    ///   - timeZone: the zone the log's local times are in.
    ///   - skipBad: collect bad lines in ``Result/skipped`` instead of stopping at the first.
    public static func parse(_ text: String, timeZone: TimeZone, skipBad: Bool = false) throws -> Result {
        var result = Result()
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).makeIterator()
        guard let headerLine = lines.next() else { throw OtklikError.invalid("line 1", "the file is empty") }
        let header = headerLine.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\t").map(String.init)
        guard header == columns else {
            throw OtklikError.invalid("line 1", "not a Technion call log header; expected the columns \(columns.joined(separator: " "))")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var number = 1
        while let raw = lines.next() {
            number += 1
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            do {
                let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard cells.count == columns.count else { throw LineError("expected \(columns.count) tab-separated cells, found \(cells.count)") }
                guard let call = try interaction(cells, calendar: calendar) else {
                    result.phantoms += 1
                    continue
                }
                result.records.append(ImportRecord(line: number, record: call))
            } catch let error as LineError {
                let problem = ImportProblem(line: number, message: error.message)
                guard skipBad else { throw OtklikError.invalid("line \(number)", error.message) }
                result.skipped.append(problem)
            }
        }
        return result
    }

    struct LineError: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    static func interaction(_ cells: [String], calendar: Calendar) throws -> Interaction? {
        let value = { (name: String) in cells[columns.firstIndex(of: name)!].trimmingCharacters(in: .whitespaces) }
        let outcomeText = value("outcome")
        if outcomeText == "PHANTOM" { return nil }
        let date = value("date")
        guard date.count == 6, let yy = Int(date.prefix(2)), let mm = Int(date.dropFirst(2).prefix(2)), let dd = Int(date.suffix(2)),
            let day = calendar.date(from: DateComponents(year: yy < 70 ? 2000 + yy : 1900 + yy, month: mm, day: dd)),
            calendar.component(.day, from: day) == dd
        else { throw LineError("bad date '\(date)' in column date (YYMMDD)") }
        let arrival = try seconds(value("vru_entry"), column: "vru_entry")
        let wait = try duration(value("q_time"), column: "q_time")
        let talk = try duration(value("ser_time"), column: "ser_time")
        let outcome: InteractionOutcome
        switch outcomeText {
        case "AGENT": outcome = .answered
        case "HANG": outcome = wait > 0 ? .abandoned : .selfService
        default: throw LineError("unknown outcome '\(outcomeText)' in column outcome (AGENT, HANG, PHANTOM)")
        }
        let serviceStart = value("ser_start")
        if outcome == .answered, serviceStart != "0:00:00" {
            var answer = try seconds(serviceStart, column: "ser_start")
            if answer < arrival - 12 * 3600 { answer += 86_400 }  // answered after midnight
            if answer < arrival { throw LineError("answer at \(serviceStart) is before the arrival at \(value("vru_entry"))") }
        }
        let serviceRecorded = !(serviceStart == "0:00:00" && talk == 0)
        let customer = value("customer_id")
        let agent = value("server")
        let type = value("type")
        return Interaction(
            id: "\(value("vru+line"))-\(value("call_id"))", channel: .callCenter, queue: type.isEmpty ? nil : type,
            staff: outcome == .answered && agent != "NO_SERVER" && !agent.isEmpty ? agent : nil,
            customer: customer == "0" || customer.isEmpty ? nil : customer, topic: type.isEmpty ? nil : type,
            arrivedAt: day.addingTimeInterval(TimeInterval(arrival)), outcome: outcome,
            waitSeconds: outcome == .selfService ? nil : Double(wait),
            talkSeconds: outcome == .answered && serviceRecorded ? Double(talk) : nil)
    }

    static func seconds(_ text: String, column: String) throws -> Int {
        let parts = text.split(separator: ":").map { Int($0) }
        guard parts.count == 3, let h = parts[0], let m = parts[1], let s = parts[2], (0..<24).contains(h), (0..<60).contains(m), (0..<60).contains(s)
        else { throw LineError("bad time '\(text)' in column \(column) (H:MM:SS)") }
        return h * 3600 + m * 60 + s
    }

    static func duration(_ text: String, column: String) throws -> Int {
        guard let value = Int(text) else { throw LineError("'\(text)' in column \(column) is not a whole number of seconds") }
        guard value >= 0 else { throw LineError("negative duration \(value) s in column \(column)") }
        return value
    }
}
