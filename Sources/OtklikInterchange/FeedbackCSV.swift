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
        let reader = try RecordCSV(text: text, columns: columns, required: required, skipBad: false, row: record(now: now))
        var records: [Record] = []
        while let chunk = try reader.next(limit: 50_000) {
            records += chunk.map { Record(line: $0.line, feedback: $0.record) }
            if chunk.count == 50_000 { progress?(records.count) }
        }
        return records
    }

    /// Streams a file in chunks (``RecordCSV/next(limit:)``), each row decoded and validated as ``parse(_:now:progress:)``
    /// does, with the same errors.
    public static func stream(path: String, now: Date = Date()) throws -> RecordCSV<Feedback> {
        try RecordCSV(path: path, columns: columns, required: required, skipBad: false, row: record(now: now))
    }

    /// A row as a validated feedback; an error's field is the column at fault (``RecordCSV`` puts the line in front).
    static func record(now: Date) -> (CSVRow) throws(OtklikError) -> Feedback {
        { row throws(OtklikError) in
            let feedback = try decode(row)
            do throws(OtklikError) {
                try feedback.validate(now: now)
            } catch {
                throw OtklikError.invalid(error.field ?? "id", error.message)
            }
            return feedback
        }
    }

    static func decode(_ cells: CSVRow) throws(OtklikError) -> Feedback {
        func fail(_ column: String, _ message: String) -> OtklikError { .invalid(column, message) }
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
