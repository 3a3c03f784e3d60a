import Foundation
import OtklikCore
import OtklikInterchange
import Testing

/// A row read by name without a dictionary per row reads exactly as the dictionary did.
@Suite struct CSVRowTests {
    @Test func readsCellsByNameEmptyOrMissingAsAbsent() {
        let row = CSVRow(header: ["id", "queue", "topic"], cells: ["c1", "", "cards"])
        #expect(row["id"] == "c1")
        #expect(row["queue"] == nil)
        #expect(row["topic"] == "cards")
        #expect(row["agent"] == nil)
        #expect(row.dictionary == ["id": "c1", "topic": "cards"])
    }

    /// A column named twice: the last non-empty cell, as the dictionary the readers were given before.
    @Test(arguments: [
        (["a", "b"], "b"), (["a", ""], "a"), (["", "b"], "b"), (["", ""], nil),
    ] as [([String], String?)])
    func aColumnNamedTwiceReadsAsTheDictionary(cells: [String], expected: String?) {
        let row = CSVRow(header: ["id", "id"], cells: cells)
        #expect(row["id"] == expected)
        #expect(row["id"] == row.dictionary["id"])
    }

    /// The interaction CSV read through rows gives the same records as through the dictionary of each row.
    @Test func interactionsReadByRowEqualThoseReadByDictionary() throws {
        let header = InteractionJSON.columns
        let lines = [
            "c1,2026-03-02T09:15:00Z,call_center,cards,L1,A1,S1,C9,blocked_card,answered,12.5,180,20,30,TRUE,R1",
            "c2,2026-03-02T09:16:00+03:00,chat,,,,,,,abandoned,40,,,,0,",
            "c3,2026-03-02T09:17:00Z,email,q,,,,cus 7,,self_service,,,,,False,",
        ]
        let text = ([header.joined(separator: ",")] + lines).joined(separator: "\n")
        let records = try InteractionCSV.parse(text).records.map(\.record)
        let expected = try lines.map { line -> Interaction in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let row = CSVRow(header: header, cells: cells)
            return try InteractionJSON(cells: row.dictionary).interaction()
        }
        #expect(records == expected)
        #expect(records.map(\.transferred) == [true, false, false])
    }
}
