/// Why a driver analysis could not be computed.
public enum DriverAnalysisError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Fewer complete rows than the analysis needs (at least factors + 2).
    case tooFewRows(complete: Int, needed: Int)
    /// A column has the same value in every complete row.
    case constantColumn(String)
    /// The factors' correlation matrix is singular: a factor is a linear combination of others.
    case singularCorrelationMatrix
    /// No factor, the target among the factors, a repeated factor, or columns of different lengths.
    case invalidInput(String)

    public var description: String {
        switch self {
        case .tooFewRows(let complete, let needed): "too few complete rows: \(complete), need at least \(needed)"
        case .constantColumn(let name): "column \(name) has the same value in every complete row"
        case .singularCorrelationMatrix: "the factors' correlation matrix is singular: a factor is a linear combination of the others"
        case .invalidInput(let message): message
        }
    }
}
