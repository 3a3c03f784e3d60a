import Foundation
import OtklikCore
import OtklikMetrics

/// The CDNOW transaction log (`customer date(YYYYMMDD) quantity amount`, whitespace-separated, a header optional,
/// CRLF allowed). Each line becomes a transaction `cdnow:<customer>:<date>:<k>`, k counting the lines with that
/// customer and date in file order (1, 2, …): identical lines are kept as separate purchases, two different
/// purchases on one day get different ids, and importing the file again adds nothing.
public enum CDNOWTransactions {
    public struct Line: Sendable, Equatable {
        public var line: Int
        public var id: String
        public var customer: String
        /// Days since 1970-01-01.
        public var day: Int
        public var quantity: Int
        public var amount: Double
    }

    /// Reads every line; the first bad one stops it with its line and column.
    public static func parse(_ text: String) throws(OtklikError) -> [Line] {
        var result: [Line] = []
        var seen: [String: Int] = [:]
        var number = 0
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            let fields = raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if fields.isEmpty { continue }
            if number == 1, fields.count < 2 || CivilDate.parseCompact(fields[1]) == nil { continue }  // the header
            guard fields.count == 4 else {
                throw .invalid("line \(number)", "expected 4 whitespace-separated fields (customer date quantity amount), found \(fields.count)")
            }
            let customer = String(fields[0])
            guard let day = CivilDate.parseCompact(fields[1]) else {
                throw .invalid("line \(number), column date", "'\(fields[1])' is not a date YYYYMMDD")
            }
            guard let quantity = Int(fields[2]), quantity >= 0 else {
                throw .invalid("line \(number), column quantity", "'\(fields[2])' is not a whole number of items")
            }
            guard let amount = TransactionJSON.amount(String(fields[3])) else {
                throw .invalid("line \(number), column amount", "'\(fields[3])' is not an amount with a point as the decimal separator")
            }
            let key = "\(customer) \(fields[1])"
            let k = (seen[key] ?? 0) + 1
            seen[key] = k
            result.append(Line(line: number, id: "cdnow:\(customer):\(fields[1]):\(k)", customer: customer, day: day, quantity: quantity, amount: amount))
        }
        return result
    }

    /// The line as a transaction at local midnight of its date in `zone`.
    public static func transaction(_ line: Line, zone: TimeZone) -> Transaction {
        let midnightUTC = Double(line.day) * 86_400
        let offset = Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: midnightUTC)))
        return Transaction(
            id: line.id, ts: Date(timeIntervalSince1970: midnightUTC - offset), customer: line.customer, amount: line.amount, quantity: line.quantity)
    }
}
