/// A value bound into or read out of a SQL statement: the types both engines share.
public enum SQLValue: Sendable, Equatable, Hashable {
    case null
    case int(Int64)
    case double(Double)
    case text(String)

    public init(_ value: String?) { self = value.map { .text($0) } ?? .null }
    public init(_ value: Int?) { self = value.map { .int(Int64($0)) } ?? .null }
    public init(_ value: Int64?) { self = value.map { .int($0) } ?? .null }

    public var int: Int64? {
        switch self {
        case .int(let v): v
        case .double(let v): Int64(v)
        case .text(let s): Int64(s)
        case .null: nil
        }
    }

    public var double: Double? {
        switch self {
        case .int(let v): Double(v)
        case .double(let v): v
        case .text(let s): Double(s)
        case .null: nil
        }
    }

    public var text: String? {
        switch self {
        case .text(let s): s
        case .int(let v): String(v)
        case .double(let v): String(v)
        case .null: nil
        }
    }
}
