import OtklikInterchange
import Testing

/// The analysis commands' CSV reader (RFC 4180).
@Suite struct CSVTableTests {
    @Test func quotedFieldsWithCommasQuotesAndLineBreaks() throws {
        let text = "\u{FEFF}id,score,text\r\n1,8,\"plain\"\r\n2,9,\"two\r\nlines, \"\"quoted\"\"\"\n\n3,,\"\"\n"
        let table = try CSVTable.parse(text)
        #expect(table.header == ["id", "score", "text"])
        #expect(table.rows.count == 3)
        #expect(table.rows[1][2] == "two\r\nlines, \"quoted\"")
        #expect(table.rows[2] == ["3", "", ""])
        #expect(table.column("score") == 1)
    }

    @Test func badInputIsReported() {
        #expect(throws: CSVTableError.self) { try CSVTable.parse("a,b\n1,\"open\n") }
        #expect(throws: CSVTableError.self) { try CSVTable.parse("a,b\n1,2,3\n") }
        #expect(throws: CSVTableError.self) { try CSVTable.parse("") }
    }
}
