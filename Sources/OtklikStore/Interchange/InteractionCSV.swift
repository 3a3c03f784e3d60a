import Foundation
import OtklikCore

/// The generic interaction CSV: `id,arrived_at,channel,queue,location,agent,service,customer,topic,outcome,
/// wait_s,talk_s,hold_s,wrap_s,transferred,request`; `id`, `arrived_at`, `channel` and `outcome` are required.
public enum InteractionCSV {
    static let required = ["id", "arrived_at", "channel", "outcome"]

    /// Parses and validates a whole file. Bad rows stop it with line and column, or with `skipBad`
    /// are listed and left out.
    public static func parse(_ text: String, skipBad: Bool = false, now: Date = Date()) throws -> (records: [ImportRecord<Interaction>], skipped: [ImportProblem]) {
        try RecordCSV.parse(text, columns: InteractionJSON.columns, required: required, skipBad: skipBad) { cells throws(OtklikError) in
            let interaction = try InteractionJSON(cells: cells).interaction()
            try interaction.validate(now: now)
            return interaction
        }
    }
}
