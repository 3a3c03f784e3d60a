import Foundation
import OtklikCore

/// The feedback CSV format: `id,ts,channel,kind,location,staff,service,customer,nps,csat,ces,button,reasons,comment,contact,lang`.
///
/// `ts` is ISO-8601; `reasons` are `;`-separated; an empty cell means "absent". Columns may come in any
/// order; `id`, `ts` and `channel` are required, the others optional. Errors name the line and column.
public enum FeedbackCSV {
    public static let columns = [
        "id", "ts", "channel", "kind", "location", "staff", "service", "customer", "nps", "csat", "ces", "button", "reasons",
        "comment", "contact", "lang",
    ]
    static let required = ["id", "ts", "channel"]

    /// One parsed record and the line it starts on.
    public struct Record: Sendable {
        public var line: Int
        public var feedback: Feedback
    }

    /// Parses and validates a whole file; throws on the first bad value with its line and column.
    public static func parse(_ text: String, now: Date = Date(), progress: ((Int) -> Void)? = nil) throws -> [Record] {
        var reader = CSVReader(text: text)
        let header = try RecordCSV<Feedback>.located { () throws(CSVError) in try reader.next()?.cells ?? [] }
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for column in header where !columns.contains(column) {
            throw OtklikError.invalid("line 1, column \(column)", "unknown column '\(column)'; the columns are \(columns.joined(separator: ","))")
        }
        for column in required where !header.contains(column) {
            throw OtklikError.invalid("line 1", "missing required column '\(column)'")
        }
        var records: [Record] = []
        while let next = try RecordCSV<Feedback>.located({ () throws(CSVError) in try reader.next() }, header: header) {
            let start = next.line
            let row = next.cells
            guard row.count == header.count else {
                throw OtklikError.invalid("line \(start)", "expected \(header.count) cells, found \(row.count)")
            }
            var cells: [String: String] = [:]
            for (name, value) in zip(header, row) where !value.isEmpty { cells[name] = value }
            let feedback = try decode(cells, line: start)
            do {
                try feedback.validate(now: now)
            } catch {
                throw OtklikError.invalid("line \(start), column \(error.field ?? "id")", error.message)
            }
            records.append(Record(line: start, feedback: feedback))
            if records.count % 50_000 == 0 { progress?(records.count) }
        }
        return records
    }

    static func decode(_ cells: [String: String], line: Int) throws(OtklikError) -> Feedback {
        func fail(_ column: String, _ message: String) -> OtklikError { .invalid("line \(line), column \(column)", message) }
        func integer(_ column: String) throws(OtklikError) -> Int? {
            guard let text = cells[column] else { return nil }
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else { throw fail(column, "'\(text)' is not an integer") }
            return value
        }
        guard let id = cells["id"] else { throw fail("id", "id is empty") }
        guard let tsText = cells["ts"], let ts = Timestamp.parse(tsText) else {
            throw fail("ts", "'\(cells["ts"] ?? "")' is not an ISO-8601 time such as 2026-03-02T09:15:00Z")
        }
        guard let channel = cells["channel"].flatMap(Channel.init(rawValue:)) else {
            throw fail("channel", "'\(cells["channel"] ?? "")' is not a channel (\(Channel.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        var button: ButtonPress?
        if let text = cells["button"] {
            guard let value = ButtonPress(rawValue: text) else { throw fail("button", "'\(text)' is not positive, neutral or negative") }
            button = value
        }
        let nps = try integer("nps"), csat = try integer("csat"), ces = try integer("ces")
        let kind: FeedbackKind
        if let text = cells["kind"] {
            guard let value = FeedbackKind(rawValue: text) else {
                throw fail("kind", "'\(text)' is not a kind (\(FeedbackKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            kind = value
        } else {
            kind = cells["contact"] != nil ? .complaint : (button != nil && nps == nil && csat == nil && ces == nil ? .impulse : .informative)
        }
        return Feedback(
            id: id, ts: ts, channel: channel, kind: kind, location: cells["location"], staff: cells["staff"],
            service: cells["service"], customer: cells["customer"], nps: nps, csat: csat, ces: ces, button: button,
            reasons: cells["reasons"].map { $0.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) } } ?? [],
            comment: cells["comment"].map(CSVRowWriter.restored), contact: cells["contact"].map(CSVRowWriter.restored), lang: cells["lang"])
    }
}
