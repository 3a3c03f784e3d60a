/// Why a value model cannot be fitted.
public enum ValueModelError: Error, Equatable, CustomStringConvertible {
    case tooFewRepeatBuyers(Int)
    case badCohort(String)

    public var description: String {
        switch self {
        case .tooFewRepeatBuyers(let n): "the model needs repeat buyers in the calibration period; there are \(n)"
        case .badCohort(let why): "the cohort cannot be fitted: \(why)"
        }
    }
}
