/// The result of one scan: a tally per group (keys as labels, in dimension order) and the overall tally.
public struct GroupedTallies: Sendable, Equatable {
    public struct Group: Sendable, Equatable {
        /// One label per grouped dimension; "" when the record has no value for it.
        public var key: [String]
        public var tally: Tally

        public init(key: [String], tally: Tally) {
            self.key = key
            self.tally = tally
        }
    }

    public var dimensions: [GroupDimension]
    /// Sorted by key.
    public var groups: [Group]
    public var overall: Tally

    public init(dimensions: [GroupDimension], groups: [Group], overall: Tally) {
        self.dimensions = dimensions
        self.groups = groups
        self.overall = overall
    }
}
