/// One result row, its columns addressed by lower-case name.
public struct SQLRow: Sendable {
    public var columns: [String]
    public var values: [SQLValue]

    public init(columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    public subscript(_ name: String) -> SQLValue {
        guard let index = columns.firstIndex(of: name) else { return .null }
        return values[index]
    }

    public func text(_ name: String) -> String? { self[name].text }
    public func int(_ name: String) -> Int? { self[name].int.map { Int($0) } }
    public func int64(_ name: String) -> Int64? { self[name].int }
    public func string(_ name: String) throws -> String {
        guard let value = self[name].text else { throw StoreError.missingColumn(name) }
        return value
    }
}
