/// The distinct users of one group of a distinct count (platform users): strings in the row-by-row computations
/// (`Set<String>`), dictionary codes in the kernels (``CodeSet``).
protocol DistinctUsers {
    associatedtype User
    init()
    /// The number of distinct users added.
    var count: Int { get }
    var isEmpty: Bool { get }
    /// Adds a user; adding one already held changes nothing.
    mutating func add(_ user: User)
    /// Adds another group's users.
    mutating func merge(_ other: Self)
}

extension Set: DistinctUsers {
    mutating func add(_ user: Element) { insert(user) }
    mutating func merge(_ other: Set) { formUnion(other) }
}
