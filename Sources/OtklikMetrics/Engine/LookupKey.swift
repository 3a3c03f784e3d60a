/// A grouped dimension read for the row loop as `lookup[column[row] − bias]`, a dense index in `0..<count`, from a column
/// of 32-bit ids or days (`ints`) or of 8-bit enumeration indexes (`bytes`): the feedback scan's ``KeySource`` and the
/// process scans' ``CallKey``.
protocol LookupKey {
    var ints: Column<Int32>? { get }
    var bytes: Column<UInt8>? { get }
    var bias: Int { get }
    var lookup: Column<Int32> { get }
    var count: Int { get }
}

extension LookupKey {
    /// The key as a cell of the row loop, reading `column` (this key's), its index times `stride`.
    func cell<Value: FixedWidthInteger>(_ column: Column<Value>, stride: Int) -> ColumnCell<Value> {
        ColumnCell(column: column.base, lookup: lookup.base, bias: bias, stride: stride)
    }
}

extension Array where Element: LookupKey {
    /// Calls `body` with the cell of a row for these keys (none, one or two; the last fastest) as a concrete type: the
    /// key shape is resolved once here, so that the row loop in `body` is compiled for it with no key array or optional
    /// column left to test a row.
    @inline(__always)
    func withCellKey<Body: CellKeyBody>(_ body: Body) -> Body.Result {
        switch count {
        case 0:
            return body(NoCell())
        case 1:
            let key = self[0]
            if let ints = key.ints { return body(key.cell(ints, stride: 1)) }
            return body(key.cell(key.bytes!, stride: 1))
        default:
            precondition(count == 2, "a scan groups by at most two keys")
            let (first, second, stride) = (self[0], self[1], self[1].count)
            switch (first.ints, first.bytes, second.ints, second.bytes) {
            case (let a?, _, let b?, _): return body(PairCell(first: first.cell(a, stride: stride), second: second.cell(b, stride: 1)))
            case (let a?, _, nil, let b?): return body(PairCell(first: first.cell(a, stride: stride), second: second.cell(b, stride: 1)))
            case (nil, let a?, let b?, _): return body(PairCell(first: first.cell(a, stride: stride), second: second.cell(b, stride: 1)))
            case (nil, let a?, nil, let b?): return body(PairCell(first: first.cell(a, stride: stride), second: second.cell(b, stride: 1)))
            default: preconditionFailure("a key reads one column")
            }
        }
    }
}
