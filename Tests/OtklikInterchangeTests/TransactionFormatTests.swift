import Foundation
import OtklikCore
import OtklikInterchange
import Testing

@Suite struct TransactionFormatTests {
    /// Repeated identical lines are kept with k = 1, 2, …; the header is optional; CRLF is allowed.
    @Test func cdnowLinesGetStableIds() throws {
        let text = " customer_id  date number_of_cds  dollar_value\r\n 00001 19970101  1   11.77\r\n 00001 19970101  1   11.77\r\n00002 19970112 2 -12.00\r\n00002 19970112 1 5.00\r\n\r\n"
        let lines = try CDNOWTransactions.parse(text)
        #expect(lines.map(\.id) == ["cdnow:00001:19970101:1", "cdnow:00001:19970101:2", "cdnow:00002:19970112:1", "cdnow:00002:19970112:2"])
        #expect(lines.map(\.line) == [2, 3, 4, 5] && lines[2].amount == -12 && lines[2].quantity == 2)
        let again = try CDNOWTransactions.parse(" 00001 19970101  1   11.77\n 00001 19970101  1   11.77\n")
        #expect(again.map(\.id) == Array(lines.map(\.id).prefix(2)))
        let moscow = try #require(TimeZone(identifier: "Europe/Moscow"))
        #expect(Timestamp.format(CDNOWTransactions.transaction(lines[0], zone: moscow).ts) == "1996-12-31T21:00:00.000Z")
        #expect(throws: OtklikError.self) { try CDNOWTransactions.parse("00001 19970101 1 11,77\n") }
        do {
            _ = try CDNOWTransactions.parse("00001 19970101 1 11.77\n00001 19970101 x 1.00\n")
            Issue.record("a bad quantity was accepted")
        } catch {
            #expect(error.field == "line 2, column quantity")
        }
    }

    @Test func transactionCSVNamesLineAndColumn() throws {
        let good = "id,ts,customer,amount,quantity,channel\nt1,2026-03-02T09:15:00Z,c1,1234.50,2,web\nt2,2026-03-03T10:00:00+03:00,c1,-99.90,,\n"
        let (records, skipped) = try TransactionCSV.parse(good)
        #expect(skipped.isEmpty && records.count == 2)
        #expect(records[0].record.amount == 1234.5 && records[0].record.quantity == 2 && records[0].record.channel == "web")
        #expect(records[1].record.amount == -99.9 && records[1].record.quantity == nil && records[1].line == 3)
        let cases = [
            ("id,ts,customer,amount\nt1,2026-03-02T09:15:00Z,c1,12,50\n", "line 2"),
            ("id,ts,customer,amount\nt1,2026-03-02T09:15:00Z,c1,\"12,50\"\n", "line 2, column amount"),
            ("id,ts,customer,amount\nt1,yesterday,c1,1\n", "line 2, column ts"),
            ("id,ts,amount\nt1,2026-03-02T09:15:00Z,1\n", "line 1"),
        ]
        for (text, place) in cases {
            do {
                _ = try TransactionCSV.parse(text)
                Issue.record("accepted: \(text)")
            } catch let error as OtklikError {
                #expect(error.field == place, "\(text): \(error)")
            }
        }
    }
}
