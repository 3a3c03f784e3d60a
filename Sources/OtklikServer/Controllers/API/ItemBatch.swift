import OtklikCore

/// A write body: `{"items": [...]}` or a single object. Shared by the batch endpoints.
struct ItemBatch<Item: Decodable>: Decodable {
    var items: [Item]

    enum CodingKeys: String, CodingKey { case items }

    init(from decoder: any Decoder) throws {
        if let container = try? decoder.container(keyedBy: CodingKeys.self), container.contains(.items) {
            items = try container.decode([Item].self, forKey: .items)
        } else {
            items = [try Item(from: decoder)]
        }
    }

    /// Converts every item, naming the first bad one as `items[i].field`; refuses empty and oversized batches.
    func converted<T>(_ convert: (Item) throws(OtklikError) -> T) throws(OtklikError) -> [T] {
        try Self.converting(items, convert)
    }

    static func converting<T>(_ items: [Item], _ convert: (Item) throws(OtklikError) -> T) throws(OtklikError) -> [T] {
        guard items.count <= FeedbackController.maxBatch else {
            throw OtklikError(.payloadTooLarge, "a batch holds at most \(FeedbackController.maxBatch) items", field: "items")
        }
        guard !items.isEmpty else { throw .invalid("items", "no items given") }
        var result: [T] = []
        result.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            do {
                result.append(try convert(item))
            } catch {
                throw error.prefixingField("items[\(index)]")
            }
        }
        return result
    }
}
