import Foundation

/// One customer's signals as of a date, raw (days, counts, amounts), in ``ChurnSignal/allCases`` order.
public struct ChurnFeatures: Sendable, Equatable {
    public var customer: String
    public var raw: [Double]

    public init(customer: String, raw: [Double]) {
        precondition(raw.count == ChurnSignal.allCases.count, "one value per churn signal")
        self.customer = customer
        self.raw = raw
    }

    public init(customer: String, values: [ChurnSignal: Double]) {
        self.init(customer: customer, raw: ChurnSignal.allCases.map { values[$0] ?? 0 })
    }

    public subscript(_ signal: ChurnSignal) -> Double {
        raw[ChurnSignal.allCases.firstIndex(of: signal)!]
    }

    /// The values the model reads (``ChurnSignal/modelValue(_:)``).
    public var modelValues: [Double] {
        zip(ChurnSignal.allCases, raw).map { $0.modelValue($1) }
    }
}
