/// Dictionary encoding of reference codes: each distinct code gets a dense 32-bit id.
public struct CodeDictionary: Sendable {
    public private(set) var codes: [String] = []
    private var ids: [String: Int32] = [:]
    /// Shared by the copies of a dictionary until one of them adds a code while another holds it: that one gets a new
    /// lineage. So the live dictionaries of one lineage hold the same codes, and a later state of it only adds codes
    /// after them: what ``CodeMapping`` extends a mapping by.
    private(set) var lineage = Lineage()

    final class Lineage: Sendable {}

    public init() {}

    public var count: Int { codes.count }

    /// The code's id, adding it when new.
    public mutating func intern(_ code: String) -> Int32 {
        if let id = ids[code] { return id }
        let id = Int32(codes.count)
        if !isKnownUniquelyReferenced(&lineage) { lineage = Lineage() }
        codes.append(code)
        ids[code] = id
        return id
    }

    public func id(of code: String) -> Int32? { ids[code] }

    public func code(of id: Int32) -> String? {
        id >= 0 && Int(id) < codes.count ? codes[Int(id)] : nil
    }
}

extension CodeDictionary {
    /// Rough bytes held: each code's characters twice (list and index) plus the index's entry.
    public var approximateBytes: Int {
        codes.reduce(0) { $0 + 2 * $1.utf8.count + 48 }
    }
}

extension CodeDictionary {
    /// The dictionary whose ids are the positions of `codes` (a snapshot's); repeated codes are damage.
    init(snapshot codes: [String]) throws {
        self.init()
        for code in codes where intern(code) != Int32(count - 1) {
            throw SnapshotError.corrupt("the code \(code) twice in one dictionary")
        }
    }
}
