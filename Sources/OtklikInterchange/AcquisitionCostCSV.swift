import Foundation
import OtklikCore

/// The acquisition-cost CSV: `period,channel,amount` (period a month `YYYY-MM` or a day `YYYY-MM-DD`).
public enum AcquisitionCostCSV {
    public static let columns = ["period", "channel", "amount"]

    public static func parse(_ text: String) throws -> [ImportRecord<AcquisitionCost>] {
        try RecordCSV.parse(text, columns: columns, required: columns, skipBad: false) { cells throws(OtklikError) in
            let raw = cells["amount"] ?? ""
            guard let amount = TransactionJSON.amount(raw) else {
                throw .invalid("amount", "'\(raw)' is not an amount; use a point as the decimal separator, e.g. 15000.00")
            }
            let cost = AcquisitionCost(period: cells["period"] ?? "", channel: cells["channel"] ?? "", amount: amount)
            try cost.validate()
            return cost
        }.records
    }
}
