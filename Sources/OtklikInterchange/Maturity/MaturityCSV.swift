import Foundation
import OtklikCore

/// A self-assessment file: a header `id,score,evidence` (in any order; `evidence` may be left out) and one row per
/// standard — its id (1a-7e; Cyrillic look-alike letters are read as Latin), a score 0-4 (empty: not assessed) and a
/// note of the evidence. Standards without a row are not assessed. Every row is checked before anything is stored:
/// an unknown id, a score outside 0-4 or an id given twice is refused with the line that holds it.
public enum MaturityCSV {
    public static func parse(_ text: String) throws(OtklikError) -> [MaturityItemScore] {
        var reader = CSVReader(text: text)
        let records: [CSVReader.Record]
        do {
            records = try reader.all()
        } catch {
            throw OtklikError.invalid("line \(error.line)", "column \(error.column): \(error.message)")
        }
        guard let header = records.first else { throw OtklikError.invalid("line 1", "the file is empty: expected the header id,score,evidence") }
        let names = header.cells.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let idColumn = names.firstIndex(of: "id"), let scoreColumn = names.firstIndex(of: "score") else {
            throw OtklikError.invalid("line \(header.line)", "the header must name the columns id and score (and evidence): got '\(header.cells.joined(separator: ","))'")
        }
        let evidenceColumn = names.firstIndex(of: "evidence")
        var result: [MaturityItemScore] = []
        var lines: [String: Int] = [:]
        for record in records.dropFirst() {
            let field = "line \(record.line)"
            func cell(_ index: Int) -> String { index < record.cells.count ? record.cells[index].trimmingCharacters(in: .whitespaces) : "" }
            let raw = cell(idColumn)
            guard let item = MaturityCatalogue.item(raw) else {
                throw OtklikError.invalid(field, raw.isEmpty ? "the id is empty" : "unknown standard '\(raw)': the ids are 1a-7e of seed 001")
            }
            if let first = lines[item.id] {
                throw OtklikError.invalid(field, "standard '\(item.id)' is scored twice (first on line \(first))")
            }
            lines[item.id] = record.line
            let scoreText = cell(scoreColumn)
            var score: Int?
            if !scoreText.isEmpty {
                guard let value = Int(scoreText), MaturityItemScore.range.contains(value) else {
                    throw OtklikError.invalid(field, "the score of '\(item.id)' is '\(scoreText)': a score is 0-4, or empty for not assessed")
                }
                score = value
            }
            let evidence = evidenceColumn.map(cell) ?? ""
            if evidence.count > 2000 { throw OtklikError.invalid(field, "the evidence note of '\(item.id)' is longer than 2000 characters") }
            result.append(MaturityItemScore(itemId: item.id, score: score, evidence: evidence))
        }
        guard !result.isEmpty else { throw OtklikError.invalid("line \(header.line + 1)", "no rows: the file scores no standard") }
        return result
    }
}
