/// How a segment rule compares an attribute with its value.
public enum SegmentOperator: String, Sendable, Codable, CaseIterable {
    /// Equal to one value (a number or a text).
    case eq
    /// One of a list of values.
    case `in`
    /// At least the value (numbers).
    case gte
    /// At most the value (numbers).
    case lte
    /// Between two numbers, both included: `[low, high]`.
    case between
}
