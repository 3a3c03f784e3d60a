/// How a group's dimension keys are packed into one `Int64`: one 32-bit key per dimension, the first dimension in the
/// highest bits (a query groups by at most two dimensions). The scans pack, ``GroupLabelling`` unpacks.
enum GroupKeyPacking {
    /// `packed` with one more dimension's key appended in the lowest 32 bits.
    @inline(__always) static func appending(_ key: Int32, to packed: Int64) -> Int64 {
        packed &* 4_294_967_296 &+ (Int64(key) & 0xFFFF_FFFF)
    }

    /// One dimension's key out of a packed key.
    @inline(__always) static func key(_ packed: Int64, _ dimension: Int, of dimensions: Int) -> Int32 {
        Int32(truncatingIfNeeded: packed >> (32 * (dimensions - 1 - dimension)))
    }
}
