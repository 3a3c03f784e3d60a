/// One page of a customer's timeline, newest first: the items, the offset of the next page (nil on the last) and the
/// total number of items.
public struct TimelinePage: Sendable, Equatable {
    public var items: [TimelineItem]
    public var offset: Int
    public var nextOffset: Int?
    public var total: Int

    public init(items: [TimelineItem], offset: Int, nextOffset: Int?, total: Int) {
        self.items = items
        self.offset = offset
        self.nextOffset = nextOffset
        self.total = total
    }
}
