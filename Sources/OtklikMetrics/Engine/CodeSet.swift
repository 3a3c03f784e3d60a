/// A set of codes of a ``CodeDictionary`` (dense, from 0) for a distinct count: the codes as added (repeats kept)
/// while that list is smaller than a bitmap up to the largest code added, then the bitmap. Adding to the bitmap sets a
/// bit, merging two ORs them, counting counts their bits; a list is sorted to be counted. So a group with many users
/// costs a bit each and a group with few no more than its list — a scan with thousands of small groups never holds a
/// bitmap of all customers per group.
struct CodeSet: DistinctUsers, Sendable {
    /// The codes added while ``words`` is empty.
    private var codes: [Int32] = []
    private var largest = -1
    /// The bitmap: bit `code % 64` of word `code / 64`; empty while the codes are listed.
    private var words: [UInt64] = []

    init() {}

    var isEmpty: Bool { codes.isEmpty && words.isEmpty }

    /// The distinct codes: the bits of the bitmap; of a list, the codes not seen before it in a bitmap made for the count
    /// when that bitmap has at most 16 words a listed code (zeroing it costs less than sorting the list: platform users
    /// by service × month at 1 M requests spent 38 % of its CPU sorting its groups' lists), else the sorted list's runs.
    var count: Int {
        if !words.isEmpty { return words.reduce(0) { $0 + $1.nonzeroBitCount } }
        let wordCount = largest >> 6 + 1
        if codes.count >= 16 && wordCount <= 16 * codes.count {
            return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: wordCount) { bits in
                bits.initialize(repeating: 0)
                var distinct = 0
                for code in codes {
                    let word = Int(code) >> 6, bit = UInt64(1) << UInt64(code & 63)
                    distinct &+= bits[word] & bit == 0 ? 1 : 0
                    bits[word] |= bit
                }
                return distinct
            }
        }
        var distinct = 0
        var previous: Int32 = -1
        for code in codes.sorted() where code != previous {
            distinct += 1
            previous = code
        }
        return distinct
    }

    /// Adds a code (≥ 0).
    @inline(__always)
    mutating func add(_ code: Int32) {
        precondition(code >= 0, "a code set holds codes from 0")
        if words.isEmpty {
            codes.append(code)
            largest = max(largest, Int(code))
            if listIsFull { makeBitmap() }
        } else {
            set(Int(code))
        }
    }

    mutating func merge(_ other: CodeSet) {
        if other.isEmpty { return }
        if isEmpty {
            self = other
            return
        }
        if words.isEmpty && other.words.isEmpty {
            codes.append(contentsOf: other.codes)
            largest = max(largest, other.largest)
            if listIsFull { makeBitmap() }
            return
        }
        if words.isEmpty { makeBitmap() }
        if other.words.isEmpty {
            for code in other.codes { set(Int(code)) }
            return
        }
        reserveWords(other.words.count)
        words.withUnsafeMutableBufferPointer { mine in
            other.words.withUnsafeBufferPointer { theirs in
                for index in theirs.indices { mine[index] |= theirs[index] }
            }
        }
    }

    /// Whether the list takes as many bytes as the bitmap up to the largest code would.
    @inline(__always)
    private var listIsFull: Bool { codes.count >= 2 * (largest >> 6 + 1) }

    private mutating func makeBitmap() {
        let listed = codes
        codes = []
        reserveWords(largest >> 6 + 1)
        for code in listed { set(Int(code)) }
    }

    @inline(__always)
    private mutating func set(_ code: Int) {
        let word = code >> 6
        if word >= words.count { reserveWords(word + 1) }
        words[word] |= 1 << UInt64(code & 63)
    }

    /// Makes the bitmap at least `count` words long.
    private mutating func reserveWords(_ count: Int) {
        if count > words.count { words.append(contentsOf: repeatElement(0, count: count - words.count)) }
    }
}
