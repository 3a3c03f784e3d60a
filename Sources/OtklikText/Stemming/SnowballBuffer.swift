/// A set of characters tested by the Snowball stemmers (vowels and the like), stored as a bit mask over a 64-code-point window.
struct SnowballGrouping: Sendable {
    let base: UInt32
    let mask: UInt64

    init(_ characters: String) {
        let values = characters.unicodeScalars.map(\.value)
        let base = values.min() ?? 0
        var mask: UInt64 = 0
        for value in values {
            precondition(value - base < 64, "a Snowball grouping must span fewer than 64 code points")
            mask |= 1 << UInt64(value - base)
        }
        self.base = base
        self.mask = mask
    }

    @inline(__always) func contains(_ value: UInt32) -> Bool {
        let offset = value &- base
        return offset < 64 && mask & (1 << UInt64(offset)) != 0
    }
}

/// One entry of a Snowball `among` table: a string and the result number the algorithm branches on.
struct SnowballAmong: Sendable {
    let characters: [UInt32]
    let result: Int
}

/// A Snowball `among` table, searched for the longest entry that matches at the cursor.
struct SnowballAmongTable: Sendable {
    /// Entries, longest first, so the first match is the longest.
    let entries: [SnowballAmong]

    init(_ pairs: [(String, Int)]) {
        entries = pairs.map { SnowballAmong(characters: $0.0.unicodeScalars.map(\.value), result: $0.1) }
            .sorted { $0.characters.count > $1.characters.count }
    }
}

/// The string, cursor, limits and slice markers of the Snowball runtime, as in the published Snowball language manual.
///
/// Methods mirror the Snowball primitives (`in_grouping_b`, `find_among_b`, `slice_from`, …) so each stemmer reads
/// like its published algorithm.
struct SnowballBuffer {
    var current: [UInt32]
    var cursor = 0
    var limit: Int
    var limitBackward = 0
    var bra = 0
    var ket: Int

    init(_ word: String) {
        current = word.unicodeScalars.map(\.value)
        limit = current.count
        ket = limit
    }

    var string: String {
        var view = String.UnicodeScalarView()
        for value in current[0..<limit] { if let scalar = Unicode.Scalar(value) { view.append(scalar) } }
        return String(view)
    }

    /// The character before the cursor when it equals `value` (backward mode), moving the cursor over it.
    @inline(__always) mutating func eqCharB(_ value: UInt32) -> Bool {
        guard cursor > limitBackward, current[cursor - 1] == value else { return false }
        cursor -= 1
        return true
    }

    /// The character at the cursor when it equals `value` (forward mode), moving over it.
    @inline(__always) mutating func eqChar(_ value: UInt32) -> Bool {
        guard cursor < limit, current[cursor] == value else { return false }
        cursor += 1
        return true
    }

    mutating func eqSB(_ characters: [UInt32]) -> Bool {
        guard cursor - limitBackward >= characters.count else { return false }
        let start = cursor - characters.count
        for (offset, value) in characters.enumerated() where current[start + offset] != value { return false }
        cursor = start
        return true
    }

    mutating func inGrouping(_ grouping: SnowballGrouping) -> Bool {
        guard cursor < limit, grouping.contains(current[cursor]) else { return false }
        cursor += 1
        return true
    }

    mutating func inGroupingB(_ grouping: SnowballGrouping) -> Bool {
        guard cursor > limitBackward, grouping.contains(current[cursor - 1]) else { return false }
        cursor -= 1
        return true
    }

    mutating func outGroupingB(_ grouping: SnowballGrouping) -> Bool {
        guard cursor > limitBackward, !grouping.contains(current[cursor - 1]) else { return false }
        cursor -= 1
        return true
    }

    /// Moves forward up to (not over) the next character in the grouping; false at the limit.
    mutating func goOutGrouping(_ grouping: SnowballGrouping) -> Bool {
        while cursor < limit {
            if grouping.contains(current[cursor]) { return true }
            cursor += 1
        }
        return false
    }

    /// Moves forward up to (not over) the next character outside the grouping; false at the limit.
    mutating func goInGrouping(_ grouping: SnowballGrouping) -> Bool {
        while cursor < limit {
            if !grouping.contains(current[cursor]) { return true }
            cursor += 1
        }
        return false
    }

    /// Moves backward up to (not over) the previous character in the grouping; false at the backward limit.
    mutating func goOutGroupingB(_ grouping: SnowballGrouping) -> Bool {
        while cursor > limitBackward {
            if grouping.contains(current[cursor - 1]) { return true }
            cursor -= 1
        }
        return false
    }

    /// The longest entry that starts at the cursor; moves over it and returns its result, or 0 when none matches.
    mutating func findAmong(_ table: SnowballAmongTable) -> Int {
        for entry in table.entries where limit - cursor >= entry.characters.count {
            var matches = true
            for (offset, value) in entry.characters.enumerated() where current[cursor + offset] != value {
                matches = false
                break
            }
            if matches {
                cursor += entry.characters.count
                return entry.result
            }
        }
        return 0
    }

    /// The longest entry that ends at the cursor (not reaching before the backward limit); moves before it and returns its result, or 0.
    mutating func findAmongB(_ table: SnowballAmongTable) -> Int {
        for entry in table.entries where cursor - limitBackward >= entry.characters.count {
            let start = cursor - entry.characters.count
            var matches = true
            for (offset, value) in entry.characters.enumerated() where current[start + offset] != value {
                matches = false
                break
            }
            if matches {
                cursor = start
                return entry.result
            }
        }
        return 0
    }

    /// Replaces the slice between `bra` and `ket` with `characters`, adjusting limit and cursor as Snowball does.
    mutating func sliceFrom(_ characters: [UInt32]) {
        let adjustment = characters.count - (ket - bra)
        current.replaceSubrange(bra..<ket, with: characters)
        limit += adjustment
        if cursor >= ket {
            cursor += adjustment
        } else if cursor > bra {
            cursor = bra
        }
        ket = bra + characters.count
    }

    mutating func sliceDel() { sliceFrom([]) }
}

extension String {
    /// The string's Unicode scalar values, for Snowball tables.
    var snowball: [UInt32] { unicodeScalars.map(\.value) }
}
