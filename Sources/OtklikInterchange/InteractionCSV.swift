import Foundation
import OtklikCore

/// The generic interaction CSV: `id,arrived_at,channel,queue,location,agent,service,customer,topic,outcome,
/// wait_s,talk_s,hold_s,wrap_s,transferred,request`; `id`, `arrived_at`, `channel` and `outcome` are required.
public enum InteractionCSV {
    static let required = ["id", "arrived_at", "channel", "outcome"]

    /// Parses and validates a whole text. Bad rows stop it with line and column, or with `skipBad`
    /// are listed and left out.
    public static func parse(_ text: String, skipBad: Bool = false, now: Date = Date()) throws -> (records: [ImportRecord<Interaction>], skipped: [ImportProblem]) {
        try RecordCSV(text: text, columns: InteractionJSON.columns, required: required, skipBad: skipBad, row: record(now: now)).all()
    }

    /// Streams a file in chunks (``RecordCSV/next(limit:)``).
    public static func stream(path: String, skipBad: Bool = false, now: Date = Date()) throws -> RecordCSV<Interaction> {
        try RecordCSV(path: path, columns: InteractionJSON.columns, required: required, skipBad: skipBad, row: record(now: now))
    }

    static func record(now: Date) -> (CSVRow) throws(OtklikError) -> Interaction {
        { row throws(OtklikError) in
            let interaction = try InteractionJSON(row: row).interaction()
            try interaction.validate(now: now)
            return interaction
        }
    }
}
