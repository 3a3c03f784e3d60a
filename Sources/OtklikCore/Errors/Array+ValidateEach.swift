extension Array {
    /// Runs `check` on every item in order; the first refusal is thrown with its field named from the
    /// list (`items[3].nps`), so a client knows which item of a batch to fix. Nothing is written before.
    public func validateEach(_ list: String = "items", _ check: (Element) throws -> Void) throws {
        for (index, item) in enumerated() {
            do {
                try check(item)
            } catch let error as OtklikError {
                throw error.prefixingField("\(list)[\(index)]")
            }
        }
    }
}
