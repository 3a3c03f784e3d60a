import Foundation

/// The ids in one ``CodeDictionary`` (`to`) of another's codes (`from`), −1 for a code `to` does not hold — kept
/// between reports instead of looked up code by code on each: made once, extended when either dictionary has grown
/// along its ``CodeDictionary/Lineage`` (the new codes of `from` looked up in `to`, the new codes of `to` in `from`),
/// made again when either is another dictionary. Contacts per request maps the contacts' request ids to request rows
/// with one, platform users the contacts' customers to the requests' customer codes.
///
/// A dictionary that is an earlier state of the one mapped (a copy that has not grown since) gets a mapping made for
/// it and not kept, so a mapping is never read past the state it was made for.
final class CodeMapping: @unchecked Sendable {
    private let lock = NSLock()
    private weak var from: CodeDictionary.Lineage?
    private weak var to: CodeDictionary.Lineage?
    private var fromCount = 0
    private var toCount = 0
    private var ids: [Int32] = []

    init() {}

    /// For each code of `from`, its id in `to` or −1.
    func ids(of from: CodeDictionary, in to: CodeDictionary) -> [Int32] {
        lock.withLock {
            let same = self.from != nil && self.from === from.lineage && self.to != nil && self.to === to.lineage
            guard same, from.count >= fromCount, to.count >= toCount else {
                if same { return Self.made(from, to) }
                (self.from, self.to) = (from.lineage, to.lineage)
                ids = Self.made(from, to)
                (fromCount, toCount) = (from.count, to.count)
                return ids
            }
            for code in from.codes[fromCount...] { ids.append(to.id(of: code) ?? -1) }
            for (offset, code) in to.codes[toCount...].enumerated() {
                if let mapped = from.id(of: code) { ids[Int(mapped)] = Int32(toCount + offset) }
            }
            (fromCount, toCount) = (from.count, to.count)
            return ids
        }
    }

    private static func made(_ from: CodeDictionary, _ to: CodeDictionary) -> [Int32] {
        from.codes.map { to.id(of: $0) ?? -1 }
    }
}
