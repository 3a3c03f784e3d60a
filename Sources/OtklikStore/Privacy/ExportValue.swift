/// A stored value as the personal-data export writes it: JSON null, number or string, as the column holds it
/// (times are milliseconds since 1970 UTC, as stored).
public enum ExportValue: Sendable, Hashable, Encodable {
    case null
    case int(Int64)
    case double(Double)
    case text(String)

    init(_ value: SQLValue) {
        switch value {
        case .null: self = .null
        case .int(let v): self = .int(v)
        case .double(let v): self = .double(v)
        case .text(let v): self = .text(v)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .int(let v): try container.encode(v)
        case .double(let v): try container.encode(v)
        case .text(let v): try container.encode(v)
        }
    }
}
