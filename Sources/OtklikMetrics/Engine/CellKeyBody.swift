/// A row loop waiting for its group key's concrete type (``Swift/Array/withCellKey(_:)``): a generic function value,
/// which a closure cannot be, so that the loop is compiled once for each key shape.
protocol CellKeyBody {
    associatedtype Result
    func callAsFunction<Key: CellKey>(_ key: Key) -> Result
}
