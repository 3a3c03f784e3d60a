import Synchronization

/// Dictionary encoding of reference codes: each distinct code gets a dense 32-bit id.
public struct CodeDictionary: Sendable {
    public private(set) var codes: [String] = []
    private var ids: [String: Int32] = [:]
    /// Shared by the copies of a dictionary until one of them adds a code while another holds it: that one gets a new
    /// lineage. So the live dictionaries of one lineage hold the same codes, and a later state of it only adds codes
    /// after them: what ``CodeMapping`` extends a mapping by.
    private(set) var lineage = Lineage()

    final class Lineage: Sendable {
        /// Each id's place in the codes' sorted order as of the last ``CodeDictionary/sortedRanks()`` (its count is
        /// the dictionary's count then): one sort of the codes a state, not one a grouped report.
        let ranks = Mutex<[Int32]>([])
    }

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
    /// Each id's rank among the codes in `String` order (0 the first): ranks compare as the codes do. Sorted once
    /// for each state of the dictionary and kept with its lineage, whose live copies hold the same codes.
    func sortedRanks() -> [Int32] {
        if let kept = lineage.ranks.withLock({ $0.count == count ? $0 : nil }) { return kept }
        var ranks = [Int32](repeating: 0, count: count)
        for (rank, id) in codes.indices.sorted(by: { codes[$0] < codes[$1] }).enumerated() { ranks[id] = Int32(rank) }
        lineage.ranks.withLock { kept in if kept.count <= ranks.count { kept = ranks } }
        return ranks
    }
}

extension CodeDictionary {
    /// Rough bytes held: each code's characters twice (list and index) plus the index's entry.
    public var approximateBytes: Int {
        codes.reduce(0) { $0 + 2 * $1.utf8.count + 48 }
    }
}

extension CodeDictionary {
    /// The dictionary whose ids are the positions of `codes` (a snapshot's); repeated codes are damage. The index is
    /// made at its final size: growing it as it fills rehashed every code about twice (a sixth of a start-up with 10 M
    /// service requests, whose ids are a dictionary).
    init(snapshot codes: [String]) throws {
        self.init()
        var ids = [String: Int32](minimumCapacity: codes.count)
        for (id, code) in codes.enumerated() where ids.updateValue(Int32(id), forKey: code) != nil {
            throw SnapshotError.corrupt("the code \(code) twice in one dictionary")
        }
        self.codes = codes
        self.ids = ids
    }
}
