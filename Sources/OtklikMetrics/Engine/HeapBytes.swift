/// What Swift values take on the heap beyond their inline size, for the tables' `memoryBytes` accounting.
enum HeapBytes {
    /// A string's own allocation: none for up to 15 UTF-8 bytes (held inline), else a 32-byte header and the bytes
    /// with their terminator, rounded up to malloc's 16.
    static func of(_ string: String) -> Int {
        let bytes = string.utf8.count
        return bytes <= 15 ? 0 : (32 + bytes + 1 + 15) / 16 * 16
    }

    static func of(_ string: String?) -> Int { string.map(of) ?? 0 }

    /// A dictionary's storage: its buckets (a power of two, at most 3/4 full) of key and value, and a bit a bucket.
    static func of<Key, Value>(_ dictionary: [Key: Value]) -> Int {
        guard dictionary.capacity > 0 else { return 0 }
        var buckets = 1
        while buckets * 3 / 4 < dictionary.capacity { buckets *= 2 }
        return buckets * (MemoryLayout<Key>.stride + MemoryLayout<Value>.stride) + buckets / 8
    }
}
