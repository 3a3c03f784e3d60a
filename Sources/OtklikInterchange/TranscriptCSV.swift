import Foundation
import OtklikCore

/// Transcripts as CSV, one row per turn: `transcript_id,location,staff,started_at,ended_at,lang,speaker,text,offset_s`.
/// The rows of one transcript are consecutive and repeat its columns; the first row's values count.
public enum TranscriptCSV {
    public static let columns = ["transcript_id", "location", "staff", "started_at", "ended_at", "lang", "speaker", "text", "offset_s"]
    static let required = ["transcript_id", "location", "started_at", "speaker", "text"]

    public static func parse(_ text: String, skipBad: Bool, now: Date = Date()) throws -> (records: [ImportRecord<Transcript>], skipped: [ImportProblem]) {
        struct Row { var cells: [String: String] }
        let (rows, skippedRows) = try RecordCSV.parse(text, columns: columns, required: required, skipBad: skipBad) { cells throws(OtklikError) in
            if let offset = cells["offset_s"], Double(offset) == nil { throw .invalid("offset_s", "'\(offset)' is not a number of seconds") }
            return Row(cells: cells)
        }
        var records: [ImportRecord<Transcript>] = []
        var skipped = skippedRows
        var index = 0
        var seen = Set<String>()
        while index < rows.count {
            let first = rows[index]
            let id = first.record.cells["transcript_id"] ?? ""
            var turns: [TranscriptJSON.TurnJSON] = []
            while index < rows.count, rows[index].record.cells["transcript_id"] == id {
                let cells = rows[index].record.cells
                turns.append(.init(speaker: cells["speaker"] ?? "", text: cells["text"] ?? "", offsetS: cells["offset_s"].flatMap(Double.init)))
                index += 1
            }
            let cells = first.record.cells
            let item = TranscriptJSON(
                id: id, location: cells["location"] ?? "", staff: cells["staff"], startedAt: cells["started_at"] ?? "", endedAt: cells["ended_at"],
                lang: cells["lang"], turns: turns)
            var result = TranscriptJSON.convert(item, now: now)
            if case .success = result, !seen.insert(id).inserted {
                result = .failure(.invalid("transcript_id", "the rows of transcript '\(id)' are not consecutive"))
            }
            switch result {
            case .success(let transcript):
                records.append(ImportRecord(line: first.line, record: transcript))
            case .failure(let error):
                guard skipBad else { throw OtklikError.invalid("line \(first.line), column \(error.field ?? "?")", error.message) }
                skipped.append(ImportProblem(line: first.line, message: "column \(error.field ?? "?"): \(error.message)"))
            }
        }
        return (records, skipped)
    }
}

extension TranscriptJSON {
    init(id: String, location: String, staff: String?, startedAt: String, endedAt: String?, lang: String?, turns: [TurnJSON]) {
        self.id = id
        self.location = location
        self.staff = staff
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.lang = lang
        self.turns = turns
    }
}
