import Foundation
import OtklikCore

/// The transaction CSV: `id,ts,customer,amount,quantity,location,channel,service` (the last four optional).
public enum TransactionCSV {
    public static func parse(_ text: String, skipBad: Bool = false) throws -> (records: [ImportRecord<Transaction>], skipped: [ImportProblem]) {
        try RecordCSV.parse(text, columns: TransactionJSON.columns, required: TransactionJSON.required, skipBad: skipBad, record: record)
    }

    /// Streams a file in chunks (``RecordCSV/next(limit:)``).
    public static func stream(path: String, skipBad: Bool = false) throws -> RecordCSV<Transaction> {
        try RecordCSV(path: path, columns: TransactionJSON.columns, required: TransactionJSON.required, skipBad: skipBad, record: record)
    }

    static func record(_ cells: [String: String]) throws(OtklikError) -> Transaction {
        try TransactionJSON(cells: cells).transaction()
    }
}
